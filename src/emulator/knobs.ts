// Behaviour settings of the emulator, changeable while it runs (configure(), POST /_emulator/config).

export interface Knobs {
  /** Delay added before answering each twirp call, in ms. */
  apiLatencyMs: number
  /** Shared cap on blob transfer speed, bytes/s, each direction; 0 means unlimited. */
  blobBandwidthBytesPerSec: number
  /** Probability (0..1) that a twirp call answers 500 `internal`. */
  apiErrorRate: number
  /** Probability that a blob request (put or get) answers 503 `ServerBusy`. */
  blobErrorRate: number
  /** Probability that a blob download is reset (TCP RST) halfway through the body. */
  downloadResetRate: number
  /** Probability that a blob download closes cleanly after half the promised bytes. */
  downloadTruncateRate: number
  /** Probability that a signed URL is issued already expired. */
  expiredUrlRate: number
  /** Seed of the random choices above; setting it restarts the sequence. */
  seed: number
  /** New entries (CreateCacheEntry) allowed per repository in any window; 0 disables. */
  rateLimitPerMinute: number
  /** The sliding window rateLimitPerMinute counts in, ms (a minute unless a test shortens it). */
  rateLimitWindowMs: number
  /**
   * Retry-After of an injected 429, in seconds; the rate limit's own 429s give the seconds
   * until the window admits again, at most this.
   */
  retryAfterSeconds: number
  /** Lifetime of signed upload and download URLs, ms. */
  urlExpiryMs: number
  /** Per-repository size past which least-recently-used entries are evicted; 0 disables. */
  repoSizeLimitBytes: number
  /** Entries not downloaded for this long are evicted, ms; 0 disables. */
  unusedEntryTtlMs: number
  /**
   * How far the emulator's clock runs ahead of the real one, ms: every time it keeps or
   * checks (entries, eviction, the rate limit's window, signed URLs, tokens, blob times) is
   * Date.now() plus this. advanceClock() adds to it.
   */
  clockOffsetMs: number
}

export const DEFAULT_KNOBS: Readonly<Knobs> = Object.freeze({
  apiLatencyMs: 0,
  blobBandwidthBytesPerSec: 0,
  apiErrorRate: 0,
  blobErrorRate: 0,
  downloadResetRate: 0,
  downloadTruncateRate: 0,
  expiredUrlRate: 0,
  seed: 1,
  rateLimitPerMinute: 200,
  rateLimitWindowMs: 60_000,
  retryAfterSeconds: 60,
  urlExpiryMs: 10 * 60_000,
  repoSizeLimitBytes: 10 * 2 ** 30,
  unusedEntryTtlMs: 7 * 24 * 3_600_000,
  clockOffsetMs: 0
})

const RATES = new Set<keyof Knobs>([
  'apiErrorRate',
  'blobErrorRate',
  'downloadResetRate',
  'downloadTruncateRate',
  'expiredUrlRate'
])

const INTEGERS = new Set<keyof Knobs>([
  'rateLimitPerMinute',
  'rateLimitWindowMs',
  'retryAfterSeconds'
])

export class KnobError extends Error {}

/** Returns base with the fields of patch applied; throws KnobError on unknown or bad values. */
export function mergeKnobs(base: Knobs, patch: unknown): Knobs {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new KnobError('knobs must be a JSON object')
  }
  const next = { ...base }
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) continue
    if (!(name in DEFAULT_KNOBS)) throw new KnobError(`unknown knob ${JSON.stringify(name)}`)
    const knob = name as keyof Knobs
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new KnobError(`${knob} must be a non-negative number, not ${JSON.stringify(value)}`)
    }
    if (RATES.has(knob) && value > 1) throw new KnobError(`${knob} is a probability: 0..1`)
    if (INTEGERS.has(knob) && !Number.isInteger(value)) {
      throw new KnobError(`${knob} must be an integer`)
    }
    if (knob === 'rateLimitWindowMs' && value < 1) {
      throw new KnobError(
        'rateLimitWindowMs must be at least 1 (turn the limit off with rateLimitPerMinute 0)'
      )
    }
    next[knob] = value
  }
  return next
}
