// The state one emulator instance shares between its handlers.

import type { BlobStore } from './blob-store.js'
import type { EntryIndex } from './entries.js'
import type { Faults } from './faults.js'
import type { Knobs } from './knobs.js'
import type { RateLimiter } from './ratelimit.js'
import type { Stats } from './stats.js'
import type { Bandwidth } from './throttle.js'

export interface Context {
  knobs: Knobs
  stats: Stats
  /** Signs tokens and blob URLs. */
  readonly secret: Buffer
  /** The emulator's own base URL, with a trailing slash. */
  baseUrl: string
  readonly faults: Faults
  readonly index: EntryIndex
  readonly blobs: BlobStore
  readonly rateLimiter: RateLimiter
  /** `sig` of signed URLs expired early by a `download-expire` fault. */
  readonly expiredSignatures: Set<string>
  readonly uploadLink: Bandwidth
  readonly downloadLink: Bandwidth
  readonly log: (message: string) => void
  /** The emulator's clock: Date.now() plus the clockOffsetMs knob. Read every time through it. */
  readonly now: () => number
}

// An upload may go on past its URL's expiry (a SAS is checked when a request starts), so an
// unfinished reservation is kept this long after it before its blob is deleted.
const ABANDONED_UPLOAD_MS = 3_600_000

/** Evicts entries and abandoned uploads, deleting their blobs; run after anything that may. */
export function evict(ctx: Context, now = ctx.now()): void {
  for (const r of ctx.index.dropStaleReservations(now, ABANDONED_UPLOAD_MS)) {
    ctx.blobs.remove(r.blob)
  }
  const gone = ctx.index.evict(now, ctx.knobs.unusedEntryTtlMs, ctx.knobs.repoSizeLimitBytes)
  for (const e of gone) {
    ctx.blobs.remove(e.blob)
    ctx.stats.entriesEvicted++
    ctx.log(`evicted ${e.repo} ${e.scope} ${JSON.stringify(e.key)} (${e.size} bytes)`)
  }
}
