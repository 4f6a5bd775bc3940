// Fault injection: seeded random faults (the *Rate knobs) and queued "the next N fail" faults.

export const TWIRP_METHODS = [
  'CreateCacheEntry',
  'FinalizeCacheEntryUpload',
  'GetCacheEntryDownloadURL'
] as const
export type TwirpMethod = (typeof TWIRP_METHODS)[number]

/**
 * - `api`, `api:<Method>`: the twirp call answers `status` (default 500).
 * - `blob-put`, `blob-get`: a blob write (Put Blob/Block/Block List) or read answers `status`
 *   (default 503).
 * - `download-reset`: a blob GET is reset (RST) after `afterBytes` body bytes (default half);
 *   0 resets before any response is sent.
 * - `download-truncate`: a blob GET promises the whole body, sends `afterBytes` (default half)
 *   and closes cleanly.
 * - `download-expire`: a blob GET is reset after `afterBytes` body bytes (default half; 0 before
 *   any response) and its signed URL counts as expired from then on, so a retry of that URL
 *   gets 403 AuthenticationFailed as Azure answers once a SAS has expired: the URL ran out while
 *   it was being downloaded.
 * - `expired-url`: the next signed URL handed out is already expired.
 * - `rest`: a REST API call (list or delete caches) answers `status` (default 500).
 */
export type FaultKind =
  | 'api'
  | `api:${TwirpMethod}`
  | 'blob-put'
  | 'blob-get'
  | 'download-reset'
  | 'download-truncate'
  | 'download-expire'
  | 'expired-url'
  | 'rest'

export interface FaultSpec {
  kind: FaultKind
  /** How many matching requests fail; default 1. */
  count?: number
  status?: number
  afterBytes?: number
}

export interface Fault {
  kind: FaultKind
  status?: number
  afterBytes?: number
}

const KINDS = new Set<string>([
  'api',
  ...TWIRP_METHODS.map(m => `api:${m}`),
  'blob-put',
  'blob-get',
  'download-reset',
  'download-truncate',
  'download-expire',
  'expired-url',
  'rest'
])

export class FaultError extends Error {}

export function validateFault(
  spec: unknown
): Required<Pick<FaultSpec, 'kind' | 'count'>> & FaultSpec {
  if (typeof spec !== 'object' || spec === null) throw new FaultError('fault must be an object')
  const { kind, count = 1, status, afterBytes } = spec as Record<string, unknown>
  if (typeof kind !== 'string' || !KINDS.has(kind)) {
    throw new FaultError(`fault kind must be one of ${[...KINDS].join(', ')}`)
  }
  const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0
  if (!isCount(count)) throw new FaultError('count must be a non-negative integer')
  if (status !== undefined && !(isCount(status) && (status as number) >= 400)) {
    throw new FaultError('status must be an HTTP error status (>= 400)')
  }
  if (afterBytes !== undefined && !isCount(afterBytes)) {
    throw new FaultError('afterBytes must be a non-negative integer')
  }
  return {
    kind: kind as FaultKind,
    count: count as number,
    status: status as number | undefined,
    afterBytes: afterBytes as number | undefined
  }
}

/** mulberry32: tiny, fast and good enough to make fault sequences reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class Faults {
  private random: () => number
  private queue: (FaultSpec & { count: number })[] = []

  constructor(seed: number) {
    this.random = prng(seed)
  }

  reseed(seed: number): void {
    this.random = prng(seed)
  }

  force(spec: unknown): void {
    const fault = validateFault(spec)
    if (fault.count > 0) this.queue.push(fault)
  }

  pending(): FaultSpec[] {
    return this.queue.map(f => ({ ...f }))
  }

  clear(): void {
    this.queue = []
  }

  /** Consumes one queued fault of the first listed kind that has one. */
  take(...kinds: FaultKind[]): Fault | undefined {
    for (const kind of kinds) {
      const i = this.queue.findIndex(f => f.kind === kind)
      if (i < 0) continue
      const f = this.queue[i]
      if (--f.count === 0) this.queue.splice(i, 1)
      return { kind: f.kind, status: f.status, afterBytes: f.afterBytes }
    }
    return undefined
  }

  /** True with probability rate; draws from the seeded sequence only when rate > 0. */
  roll(rate: number): boolean {
    return rate > 0 && this.random() < rate
  }
}
