/** What the module proxy did, for `go-cache stats` and the job summary. */
export interface ModuleStats {
  /** Requests for a version's .info, .mod or .zip. */
  files: number
  /** Of those: served from this runner's module store, from a module bundle, from upstream. */
  fromRunner: number
  fromService: number
  fromUpstream: number
  /** Upstream had no such file (Go then asks its own chain, which will say so too). */
  notFound: number
  /** Upstream failed or the transfer broke: Go fell back to its own chain. */
  failed: number
  /** Lists, @latest, queries and sumdb requests left to the job's own chain. */
  passedOn: number
  /** Requests without the secret, or with a malformed path. */
  refused: number
  bytesServed: number
  bytesFetched: number
}

export function newModuleStats(): ModuleStats {
  return {
    files: 0,
    fromRunner: 0,
    fromService: 0,
    fromUpstream: 0,
    notFound: 0,
    failed: 0,
    passedOn: 0,
    refused: 0,
    bytesServed: 0,
    bytesFetched: 0
  }
}
