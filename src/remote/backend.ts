// Where bundles and indexes live between jobs. Every method is one request to the service
// (as the job's request budget counts them); failures throw and become misses upstream.

export type UploadResult =
  | { status: 'saved' }
  /** Entries are immutable: someone saved this key first. Keys name content, so it is ours. */
  | { status: 'exists' }
  | { status: 'rate-limited'; retryAfterMs: number }

export type EntryKind = 'bundle' | 'index'

/** Told the bytes written to a downloaded file, in order (a BundleDigest). */
export interface WrittenBytes {
  update(chunk: Buffer): void
}

export interface RemoteBackend {
  readonly name: string
  /**
   * Fetches bundle `key` into `file`; false when there is no such entry. A backend that
   * streams the bytes into the file may show them to `written` on the way; one that does
   * not leaves it untouched.
   */
  download(
    key: string,
    file: string,
    extra?: ExtraRequests,
    written?: WrittenBytes
  ): Promise<boolean>
  /** Stores `file` (a bundle or an index) as entry `key`. */
  upload(key: string, file: string, kind: EntryKind, extra?: ExtraRequests): Promise<UploadResult>
  /**
   * Fetches into `file` the newest index whose key starts with the first of `prefixes` that
   * has one; returns the key it found.
   */
  restoreNewest(
    prefixes: string[],
    file: string,
    extra?: ExtraRequests
  ): Promise<string | undefined>
}

/** Told of each request a call makes beyond the one it counts as (a fallback lookup). */
export type ExtraRequests = () => void

/** Keys stay within what both the Actions cache (≤ 512 chars, no commas) and file names allow. */
export function checkKey(key: string): string {
  if (!/^[A-Za-z0-9._-]{1,400}$/.test(key)) throw new Error(`unusable cache key ${key}`)
  return key
}
