// The index: which bundle holds each action, in the order the last run first needed them.
// It is saved as its own cache entry at flush; the next job restores it with one request.
// Each action carries how many runs ago this scope last asked for it, so the index forgets
// what Go no longer needs: its size follows the live entries, not the history.

import { validCarriedTimes, type CarriedTime } from '../checkout/carried-times.js'

export const INDEX_FORMAT = 'go-cache-index'
export const INDEX_VERSION = 2

export interface IndexBundle {
  key: string
  bytes: number
  /** ActionIDs (hex) whose entries the bundle holds. */
  actions: string[]
  /** Each action's entry size, in the order of `actions`. */
  sizes: number[]
  /** Runs since this scope last asked for each action (0: the run that saved the index). */
  idle: number[]
  /** The scope (owner id) that uploaded it: only that scope ever deletes it. */
  owner?: string
}

/** A bundle this scope stopped naming: deleted once no index anywhere can name it. */
export interface RetiredBundle {
  key: string
  bytes: number
  /** When the first index without it was made. */
  ms: number
}

export interface CacheIndex {
  format: typeof INDEX_FORMAT
  version: typeof INDEX_VERSION
  createdMs: number
  /** Owner id of the scope that saved it. */
  owner: string
  /**
   * Per other owner whose bundles the index names: the creation time of the oldest index of
   * that owner it derives from. An owner may delete a bundle it retired at time T only when
   * no other index pins it below T (see cleanup.ts). `*` pins every owner (old indexes).
   */
  pins: Pins
  /** Prefetch order: bundles the last run used, by first use, then the cold ones. */
  bundles: IndexBundle[]
  /** Empty outputs need no bundle: ActionID (hex), the entry's time, runs since asked for. */
  empty: [string, number, number][]
  retired: RetiredBundle[]
  /** Paths whose times tests changed, for the next checkout (checkout/carried-times.ts). */
  carriedTimes?: CarriedTime[]
}

/** Owner id → time; see CacheIndex.pins. */
export type Pins = Record<string, number>
export const ANY_OWNER = '*'

/** The lower time per owner of two pin sets. */
export function mergePins(a: Pins, b: Pins): Pins {
  const merged = { ...a }
  for (const [owner, ms] of Object.entries(b)) merged[owner] = Math.min(merged[owner] ?? ms, ms)
  return merged
}

/** An action no run of this scope asked for this many times in a row leaves the index. */
export const MAX_IDLE_RUNS = 5
/** Retired bundles older than this are gone anyway (the service evicts after 7 days unread). */
const RETIRED_KEEP_MS = 8 * 24 * 3_600_000

const HEX64 = /^[0-9a-f]{64}$/
const isCount = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0

/** Parses and checks an index (version 1 is upgraded); throws with a reason. */
export function parseIndex(text: string): CacheIndex {
  const data = JSON.parse(text) as Record<string, unknown>
  if (data.format !== INDEX_FORMAT) throw new Error('not a go-cache index')
  if (data.version === 1) return upgradeV1(data)
  if (data.version !== INDEX_VERSION) throw new Error(`index version ${data.version} is unknown`)
  const index = data as unknown as CacheIndex
  if (!Array.isArray(index.bundles) || !Array.isArray(index.empty)) {
    throw new Error('index lacks bundles or empty')
  }
  if (typeof index.owner !== 'string' || !Array.isArray(index.retired)) {
    throw new Error('index lacks its owner or retired list')
  }
  const pins = index.pins as unknown
  if (typeof pins !== 'object' || pins === null || !Object.values(pins).every(isCount)) {
    throw new Error('index has bad pins')
  }
  for (const bundle of index.bundles) checkBundle(bundle)
  for (const item of index.empty) {
    const ok =
      Array.isArray(item) && HEX64.test(String(item[0])) && isCount(item[1]) && isCount(item[2])
    if (!ok) throw new Error('index has a malformed empty entry')
  }
  for (const r of index.retired) {
    if (typeof r.key !== 'string' || !isCount(r.bytes) || !isCount(r.ms)) {
      throw new Error('index has a malformed retired bundle')
    }
  }
  // Only a convenience: malformed records are dropped, the index stands.
  if (index.carriedTimes !== undefined) index.carriedTimes = validCarriedTimes(index.carriedTimes)
  return index
}

function checkBundle(bundle: IndexBundle): void {
  const n = Array.isArray(bundle.actions) ? bundle.actions.length : -1
  const ok =
    typeof bundle.key === 'string' &&
    isCount(bundle.bytes) &&
    n >= 0 &&
    bundle.actions.every(a => typeof a === 'string' && HEX64.test(a)) &&
    Array.isArray(bundle.sizes) &&
    bundle.sizes.length === n &&
    bundle.sizes.every(isCount) &&
    Array.isArray(bundle.idle) &&
    bundle.idle.length === n &&
    bundle.idle.every(isCount) &&
    (bundle.owner === undefined || typeof bundle.owner === 'string')
  if (!ok) throw new Error('index has a malformed bundle')
}

/** A version-1 index (no sizes, idle counts or owners): every action counts as just used. */
function upgradeV1(data: Record<string, unknown>): CacheIndex {
  const bundles = data.bundles as { key: string; bytes: number; actions: string[] }[]
  const empty = data.empty as [string, number][]
  if (!Array.isArray(bundles) || !Array.isArray(empty)) {
    throw new Error('index lacks bundles or empty')
  }
  const index: CacheIndex = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    createdMs: Number(data.createdMs) || 0,
    owner: '',
    // Written before pins existed: it may name anyone's bundles.
    pins: { [ANY_OWNER]: 0 },
    bundles: bundles.map(b => ({
      key: b.key,
      bytes: b.bytes,
      actions: b.actions,
      sizes: (b.actions ?? []).map(() => Math.floor(b.bytes / Math.max(1, b.actions.length))),
      idle: (b.actions ?? []).map(() => 0)
    })),
    empty: empty.map(([a, t]) => [a, t, 0]),
    retired: []
  }
  for (const bundle of index.bundles) checkBundle(bundle)
  return index
}

export function serializeIndex(index: CacheIndex): string {
  return JSON.stringify(index)
}

/** True when the run that saved the index asked for something in the bundle. */
export function isHot(bundle: IndexBundle): boolean {
  return bundle.idle.some(n => n === 0)
}

export interface BundleUse {
  bundle: IndexBundle
  /** Sequence number of the first get (or, for a new bundle, put) that touched it this run. */
  firstUse?: number
  /** Its download failed or it was corrupt: drop it, Go rebuilt what it held. */
  broken?: boolean
}

export interface IndexInputs {
  restored: BundleUse[]
  /** This run's bundles; their idle counts are final (0 for new puts). */
  added: BundleUse[]
  /** Empty outputs: time and idle count as restored (or 0 for this run's puts). */
  empty: Map<string, { timeMs: number; idle: number }>
  /** Actions Go asked for this run. */
  used: ReadonlySet<string>
  owner: string
  /** Pins inherited from the restored index (see CacheIndex.pins). */
  pins: Pins
  retired: RetiredBundle[]
  nowMs: number
  carriedTimes?: CarriedTime[]
}

/**
 * The index the next run restores: restored bundles aged by one run (actions asked for go
 * back to 0, the rest count up and leave past MAX_IDLE_RUNS; an action this run's bundles hold
 * leaves the old bundle, as after a repack), minus broken ones and ones left with no action,
 * plus this run's bundles, ordered by when this run first needed each. Bundles of this owner
 * that leave are added to the retired list.
 */
export function nextIndex(inputs: IndexInputs): CacheIndex {
  const { used, owner, nowMs } = inputs
  const claimed = new Set<string>()
  for (const use of inputs.added) for (const action of use.bundle.actions) claimed.add(action)
  const retired = inputs.retired.filter(r => r.ms > nowMs - RETIRED_KEEP_MS)
  const retire = (bundle: IndexBundle) => {
    if (bundle.owner === owner && !retired.some(r => r.key === bundle.key)) {
      retired.push({ key: bundle.key, bytes: bundle.bytes, ms: nowMs })
    }
  }
  const kept: BundleUse[] = []
  for (const use of inputs.restored) {
    // A broken bundle is gone already; nothing to delete.
    if (use.broken) continue
    const aged = ageBundle(use.bundle, used, claimed)
    if (!aged) {
      retire(use.bundle)
      continue
    }
    kept.push({ ...use, bundle: aged })
  }
  const all = [...kept, ...inputs.added]
  const used1st = all.filter(u => u.firstUse !== undefined)
  used1st.sort((a, b) => a.firstUse! - b.firstUse!)
  const bundles = [...used1st, ...all.filter(u => u.firstUse === undefined)].map(u => u.bundle)
  // Only pins of owners whose bundles are still named (a bundle named at all came through an
  // index of its owner); anything unknown keeps them all.
  const owners = new Set(bundles.map(b => b.owner ?? ANY_OWNER))
  const pins: Pins = {}
  for (const [origin, ms] of Object.entries(inputs.pins)) {
    if (origin === owner) continue
    if (origin === ANY_OWNER || owners.has(origin) || owners.has(ANY_OWNER)) pins[origin] = ms
  }
  const empty: [string, number, number][] = []
  for (const [action, { timeMs, idle }] of inputs.empty) {
    const next = used.has(action) ? 0 : idle + 1
    if (next <= MAX_IDLE_RUNS) empty.push([action, timeMs, next])
  }
  return {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    createdMs: nowMs,
    owner,
    pins,
    bundles,
    empty,
    retired,
    ...(inputs.carriedTimes?.length ? { carriedTimes: inputs.carriedTimes } : {})
  }
}

/** One more run of the bundle's actions; undefined when none is left. */
function ageBundle(
  bundle: IndexBundle,
  used: ReadonlySet<string>,
  claimed: ReadonlySet<string>
): IndexBundle | undefined {
  const actions: string[] = []
  const sizes: number[] = []
  const idle: number[] = []
  bundle.actions.forEach((action, i) => {
    if (claimed.has(action)) return
    const next = used.has(action) ? 0 : bundle.idle[i] + 1
    if (next > MAX_IDLE_RUNS) return
    actions.push(action)
    sizes.push(bundle.sizes[i])
    idle.push(next)
  })
  if (actions.length === 0) return undefined
  return { ...bundle, actions, sizes, idle }
}
