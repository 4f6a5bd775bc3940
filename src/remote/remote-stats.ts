import { newCleanupStats, type CleanupStats } from './cleanup.js'

/** What the remote tier did, for `go-cache stats`, `flush` and the job summary. */
export interface RemoteStats {
  backend: string
  /** Key of the index this job restored, or null when it started without one. */
  indexKey: string | null
  /** Where the index restore stands; main waits for it to leave `pending`. */
  indexState: 'pending' | 'restored' | 'none' | 'unreadable' | 'unreachable'
  bundlesInIndex: number
  bundlesDownloaded: number
  bytesDownloaded: number
  bundlesUploaded: number
  bytesUploaded: number
  indexUploaded: boolean
  /** Calls to the backend: each restore, download and upload counts once. */
  requests: number
  failedRequests: number
  /** Answers to 429 (rate limit), each followed by the shared backoff. */
  rateLimited: number
  /** Gets answered with an entry that came from a bundle. */
  remoteHits: number
  /** Of those, gets whose bundle was already prefetched: they never waited. */
  prefetchHits: number
  /** Time gets spent waiting on the index or a bundle download. */
  networkWaitMs: number
  /**
   * Each downloaded bundle's time, added up over bundles (they overlap one another and Go):
   * the transfer (with decompression, and the unpacking of a bundle that streams in), then,
   * for a bundle written to a file (version 1), the whole-bundle check and the unpacking.
   */
  fetchMs: number
  checkMs: number
  unpackMs: number
  /**
   * Downloaded bundles checked as they streamed in (entry by entry, or the file's checksum
   * taken on the way), not read back.
   */
  bundlesCheckedOnArrival: number
  corruptBundles: number
  corruptEntries: number
  /** Bytes of the entries gets were answered with from bundles (the job's use of them). */
  remoteHitBytes: number
  /** Restored bundles this job asked for anything in. */
  bundlesUsed: number
  /** Restored bundles nothing was asked of last run: downloaded only when a get needs one. */
  coldBundles: number
  /** Restored bundles whose live entries this job moved into new bundles, and their bytes. */
  bundlesRepacked: number
  bytesRepacked: number
  indexBytesRestored: number
  indexBytesSaved: number
  cleanup: CleanupStats
}

export function newRemoteStats(backend: string): RemoteStats {
  return {
    backend,
    indexKey: null,
    indexState: 'pending',
    bundlesInIndex: 0,
    bundlesDownloaded: 0,
    bytesDownloaded: 0,
    bundlesUploaded: 0,
    bytesUploaded: 0,
    indexUploaded: false,
    requests: 0,
    failedRequests: 0,
    rateLimited: 0,
    remoteHits: 0,
    prefetchHits: 0,
    networkWaitMs: 0,
    fetchMs: 0,
    checkMs: 0,
    unpackMs: 0,
    bundlesCheckedOnArrival: 0,
    corruptBundles: 0,
    corruptEntries: 0,
    remoteHitBytes: 0,
    bundlesUsed: 0,
    coldBundles: 0,
    bundlesRepacked: 0,
    bytesRepacked: 0,
    indexBytesRestored: 0,
    indexBytesSaved: 0,
    cleanup: newCleanupStats()
  }
}
