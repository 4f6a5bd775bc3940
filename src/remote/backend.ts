// Where bundles and indexes live between jobs. Every method is one request to the service
// (as the job's request budget counts them); failures throw and become misses upstream.

import * as fs from 'node:fs/promises'

const POUR_CHUNK_BYTES = 256 << 10

export type UploadResult =
  | { status: 'saved' }
  /** Entries are immutable: someone saved this key first. Keys name content, so it is ours. */
  | { status: 'exists' }
  | { status: 'rate-limited'; retryAfterMs: number }

export type EntryKind = 'bundle' | 'index'

/** Takes a downloaded bundle's bytes in order, as they arrive; the next chunk waits for it. */
export interface ByteSink {
  write(chunk: Buffer): Promise<void>
}

export interface RemoteBackend {
  readonly name: string
  /** Fetches bundle `key`, handing its bytes to `into`; false when there is no such entry. */
  download(key: string, into: ByteSink, extra?: ExtraRequests): Promise<boolean>
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

/** Hands a file's bytes to `into`, in chunks the size of a bundle download's. */
export async function pourFile(file: string, into: ByteSink): Promise<void> {
  const input = await fs.open(file, 'r')
  try {
    for (;;) {
      // A fresh buffer each time: the sink may keep what it is given.
      const chunk = Buffer.allocUnsafe(POUR_CHUNK_BYTES)
      const { bytesRead } = await input.read(chunk, 0, chunk.length)
      if (bytesRead === 0) return
      await into.write(chunk.subarray(0, bytesRead))
    }
  } finally {
    await input.close()
  }
}
