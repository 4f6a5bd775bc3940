// Which restored bundles a job repacks at flush. A job downloads whole bundles, so a bundle
// that mixes entries Go still asks for with entries it stopped asking for costs bytes on every
// run. Repacking moves the entries this run used into new hot bundles (prefetched next time).
// The rest stay where they are, in a bundle that is now cold (downloaded only if a get asks),
// unless they are less than half of it: then they move into new cold bundles too and the old
// bundle leaves the index, which so keeps no bundle that is mostly dead weight. Re-uploading
// entries nobody asked for costs the job time in post, so a split does it only then. The
// work is bounded per job and happens at flush, after the build.

import { TRAILER_BYTES, v2DataOffset } from '../bundle/format.js'
import { MAX_IDLE_RUNS, type BundleUse } from './cache-index.js'

/** A hot bundle whose used bytes are below this share of its size gets split. */
const HOT_SHARE = 0.75
/** Live entries nobody asked for move out of a bundle only when they are below this share. */
const LIVE_SHARE = 0.5
/** Hot bundles smaller than this share of a full bundle are merged, when there are several. */
const SMALL_SHARE = 0.25
const MIN_SMALL_TO_MERGE = 3
/** At most this many full bundles' worth of entries move per job (rate limit, time). */
export const REPACK_BUDGET_BUNDLES = 2

export interface RepackPlan {
  /**
   * The bundles entries move out of. One leaves the index when nothing live stays in it
   * (nextIndex drops the entries the new bundles claim).
   */
  sources: BundleUse[]
  /** Actions this run asked for: they go into hot bundles. */
  hot: string[]
  /** Live actions nobody asked for this run, with their idle count after this run. */
  cold: Map<string, number>
}

/** What one bundle holds, in this run's terms (claimed entries left out). */
interface Measured {
  use: BundleUse
  hotBytes: number
  /** Hot and cold entries still within their idle limit. */
  liveBytes: number
  /** The bundle's bytes less its table and framing: what entries can fill. */
  payload: number
}

/**
 * candidates: restored bundles whose every entry is in the local store now (downloaded and
 * unpacked this job). used: actions Go asked for. claimed: actions this job's new bundles hold.
 */
export function planRepack(
  candidates: BundleUse[],
  used: ReadonlySet<string>,
  claimed: ReadonlySet<string>,
  bundleBytes: number
): RepackPlan {
  const measured = candidates.map(use => measure(use, used, claimed))
  const waste = (m: Measured) => m.payload - (m.hotBytes > 0 ? m.hotBytes : m.liveBytes)
  const sparse = measured
    .filter(m =>
      m.hotBytes > 0 ? m.hotBytes < HOT_SHARE * m.payload : m.liveBytes < LIVE_SHARE * m.payload
    )
    .sort((a, b) => waste(b) - waste(a))
  const small = measured
    .filter(m => m.hotBytes > 0 && m.use.bundle.bytes < SMALL_SHARE * bundleBytes)
    .filter(m => !sparse.includes(m))
    .sort((a, b) => a.use.bundle.bytes - b.use.bundle.bytes)
  const chosen = [...sparse, ...(small.length >= MIN_SMALL_TO_MERGE ? small : [])]

  const plan: RepackPlan = { sources: [], hot: [], cold: new Map() }
  let moved = 0
  for (const m of chosen) {
    // The cold entries stay behind unless the bundle would then be mostly dead weight.
    const coldMoves = m.liveBytes - m.hotBytes < LIVE_SHARE * m.payload
    const moving = coldMoves ? m.liveBytes : m.hotBytes
    if (plan.sources.length > 0 && moved + moving > REPACK_BUDGET_BUNDLES * bundleBytes) continue
    plan.sources.push(m.use)
    moved += moving
    const { actions, idle } = m.use.bundle
    actions.forEach((action, i) => {
      if (claimed.has(action)) return
      if (used.has(action)) plan.hot.push(action)
      else if (coldMoves && idle[i] + 1 <= MAX_IDLE_RUNS) plan.cold.set(action, idle[i] + 1)
    })
  }
  return plan
}

function measure(
  use: BundleUse,
  used: ReadonlySet<string>,
  claimed: ReadonlySet<string>
): Measured {
  let hotBytes = 0
  let liveBytes = 0
  const { actions, sizes, idle } = use.bundle
  actions.forEach((action, i) => {
    if (claimed.has(action)) return
    if (used.has(action)) {
      hotBytes += sizes[i]
      liveBytes += sizes[i]
    } else if (idle[i] + 1 <= MAX_IDLE_RUNS) {
      liveBytes += sizes[i]
    }
  })
  // Version 1's framing is 36 bytes smaller: close enough for an estimate.
  const framing = v2DataOffset(actions.length) + TRAILER_BYTES
  return { use, hotBytes, liveBytes, payload: Math.max(1, use.bundle.bytes - framing) }
}

/**
 * A debug line per bundle the repack could take (downloaded this job, this scope's own), in a
 * job that saves: why a steady re-run does or does not repack. "moves" is the plan; the
 * repack still leaves the bundles be if an entry is gone from the local store. The share is
 * the one the plan compares with HOT_SHARE.
 */
export function describeUse(
  use: BundleUse,
  used: ReadonlySet<string>,
  claimed: ReadonlySet<string>,
  chosen: readonly BundleUse[]
): string {
  const { key, bytes, actions, idle } = use.bundle
  const { hotBytes, payload } = measure(use, used, claimed)
  let usedNow = 0
  let usedBefore = 0
  let usedBoth = 0
  actions.forEach((action, i) => {
    const now = used.has(action)
    if (now) usedNow++
    if (idle[i] === 0) usedBefore++
    if (now && idle[i] === 0) usedBoth++
  })
  return (
    `repack ${chosen.includes(use) ? 'moves' : 'keeps'} bundle ${key.slice(-12)}: ` +
    `${actions.length} entries, ${bytes} bytes, used now ${usedNow} ` +
    `(${((100 * hotBytes) / payload).toFixed(0)}% of its payload), ` +
    `used by the run before ${usedBefore}, by both ${usedBoth}`
  )
}
