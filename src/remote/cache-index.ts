// The index: which bundle holds each action, in the order the last run first needed them.
// It is saved as its own cache entry at flush; the next job restores it with one request.

export const INDEX_FORMAT = 'go-cache-index'
export const INDEX_VERSION = 1

export interface IndexBundle {
  key: string
  bytes: number
  /** ActionIDs (hex) whose entries the bundle holds. */
  actions: string[]
  /** Consecutive runs that restored this bundle's index and asked for none of it. */
  unusedRuns: number
}

export interface CacheIndex {
  format: typeof INDEX_FORMAT
  version: typeof INDEX_VERSION
  createdMs: number
  /** Prefetch order: bundles the last run used, by first use, then the unused ones. */
  bundles: IndexBundle[]
  /** Empty outputs need no bundle: ActionID (hex) and the entry's time. */
  empty: [string, number][]
}

const HEX64 = /^[0-9a-f]{64}$/

/** Parses and checks an index; throws with a reason a person can act on. */
export function parseIndex(text: string): CacheIndex {
  const data = JSON.parse(text) as Partial<CacheIndex>
  if (data.format !== INDEX_FORMAT) throw new Error('not a go-cache index')
  if (data.version !== INDEX_VERSION) throw new Error(`index version ${data.version} is unknown`)
  if (!Array.isArray(data.bundles) || !Array.isArray(data.empty)) {
    throw new Error('index lacks bundles or empty')
  }
  for (const bundle of data.bundles) {
    const ok =
      typeof bundle.key === 'string' &&
      Number.isSafeInteger(bundle.bytes) &&
      Number.isSafeInteger(bundle.unusedRuns) &&
      Array.isArray(bundle.actions) &&
      bundle.actions.every(a => typeof a === 'string' && HEX64.test(a))
    if (!ok) throw new Error('index has a malformed bundle')
  }
  for (const item of data.empty) {
    if (!Array.isArray(item) || !HEX64.test(String(item[0])) || !Number.isSafeInteger(item[1])) {
      throw new Error('index has a malformed empty entry')
    }
  }
  return data as CacheIndex
}

export function serializeIndex(index: CacheIndex): string {
  return JSON.stringify(index)
}

/** A bundle that no run asked for this many times in a row leaves the index. */
export const MAX_UNUSED_RUNS = 5

export interface BundleUse {
  bundle: IndexBundle
  /** Sequence number of the first get (or, for a new bundle, put) that touched it this run. */
  firstUse?: number
  /** Its download failed or it was corrupt: drop it, Go rebuilt what it held. */
  broken?: boolean
}

/**
 * The index the next run restores: restored bundles minus broken, superseded or long-unused
 * ones, plus this run's new bundles, ordered by when this run first needed each.
 */
export function nextIndex(
  restored: BundleUse[],
  added: BundleUse[],
  empty: Map<string, number>,
  nowMs: number
): CacheIndex {
  const claimed = new Set<string>()
  for (const use of added) for (const action of use.bundle.actions) claimed.add(action)
  const kept: BundleUse[] = []
  for (const use of restored) {
    if (use.broken) continue
    const unusedRuns = use.firstUse === undefined ? use.bundle.unusedRuns + 1 : 0
    if (unusedRuns > MAX_UNUSED_RUNS) continue
    const actions = use.bundle.actions.filter(a => !claimed.has(a))
    if (actions.length === 0) continue
    kept.push({ ...use, bundle: { ...use.bundle, actions, unusedRuns } })
  }
  const used = [...kept, ...added].filter(u => u.firstUse !== undefined)
  used.sort((a, b) => a.firstUse! - b.firstUse!)
  const unused = kept.filter(u => u.firstUse === undefined)
  return {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    createdMs: nowMs,
    bundles: [...used, ...unused].map(u => u.bundle),
    empty: [...empty]
  }
}
