// The remote tier: restores the index, prefetches and unpacks bundles into the local store,
// packs new puts into bundles and uploads them, and saves a new index at flush.
// Every failure here becomes a miss or a warning: the build never waits on a broken service.

import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs/promises'
import { readBundleTable, unpackBundle } from '../bundle/bundle-reader.js'
import type { BundleStreamUnpacker } from '../bundle/bundle-stream.js'
import { writeBundle, type EntrySource } from '../bundle/bundle-writer.js'
import { BundleError } from '../bundle/format.js'
import type { CarriedTime } from '../checkout/carried-times.js'
import { EMPTY_HEX, type LocalStore } from '../store/local-store.js'
import { now } from '../util/clock.js'
import { log, logs } from '../util/log.js'
import { sleep } from '../util/sleep.js'
import type { RemoteBackend } from './backend.js'
import {
  ANY_OWNER,
  isHot,
  mergePins,
  nextIndex,
  parseIndex,
  serializeIndex,
  type BundleUse,
  type IndexBundle,
  type Pins,
  type RetiredBundle
} from './cache-index.js'
import { pinsPart, ScopeCleanup, type CleanupTarget } from './cleanup.js'
import { ownerId } from './index-key.js'
import { describeUse, planRepack } from './compaction.js'
import { BundleIntake } from './bundle-intake.js'
import { DownloadQueue } from './download-queue.js'
import { newRemoteStats, type RemoteStats } from './remote-stats.js'
import { Uploader } from './uploader.js'

export interface RemoteOptions {
  backend: RemoteBackend
  /** Seal the open bundle once its entries add up to this many bytes. */
  bundleBytes: number
  /** This job's index keys start with this; the newest such index is restored. */
  indexPrefix: string
  /** Tried in order when nothing matches `indexPrefix` (a sibling job, a shared base). */
  fallbackPrefixes?: string[]
  /** Ends the keys of saved indexes (key-safe, no dashes): tells a reader where one came from. */
  indexTag?: string
  /** Restore and download, never upload. */
  readOnly?: boolean
  downloadConcurrency?: number
  uploadConcurrency?: number
  /** A get waits at most this long for the index before it counts as a miss. */
  indexWaitMs?: number
  /** The job's ref (GITHUB_REF): with indexPrefix, who owns the bundles this job uploads. */
  ref?: string
  /** Where retired bundles and old indexes are deleted (REST API); absent: nothing is. */
  cleanup?: CleanupTarget
  /** Read at flush: the times tests left in tracked paths, carried to the next job. */
  carriedTimes?: () => Promise<CarriedTime[]>
}

export const DEFAULT_BUNDLE_BYTES = 32 * 2 ** 20
/**
 * Bundles downloaded at once. With three, a job of five bundles fetched them in two waves,
 * the second starting only once the first had landed, a request's latency later; six take
 * the usual job in one wave and keep the link busy. Each stream holds little memory: its
 * decoder's window and at most one output of 1 MiB being gathered (bundle-stream.ts).
 */
const DEFAULT_DOWNLOAD_CONCURRENCY = 6
const DEFAULT_INDEX_WAIT_MS = 5000
/** A bundle whose download failed is tried once more, this long after, with a fresh URL. */
const DOWNLOAD_RETRY_DELAY_MS = 500

interface BundleState {
  use: BundleUse
  /** Actions (hex) this bundle put into the local store once unpacked. */
  unpacked: Set<string>
  /** Its download failed once and was queued again. */
  retried?: boolean
  /** Downloaded and unpacked this job: its entries can be repacked. */
  downloaded?: boolean
  /** Actions gets are waiting for: the unpacker takes them first. */
  wanted: string[]
  /** Gets waiting for one entry of this bundle, released as it lands or the attempt ends. */
  waiters: Map<string, (() => void)[]>
}

export class RemoteCache {
  readonly stats: RemoteStats
  /** The restored index's file times (see checkout/carried-times.ts), for main. */
  restoredCarriedTimes: CarriedTime[] = []
  private readonly restored: BundleState[] = []
  private readonly added: BundleUse[] = []
  private readonly bundleOf = new Map<string, BundleState>()
  private readonly empty = new Map<string, { timeMs: number; idle: number }>()
  /** Actions Go asked for this job (hits of any tier, and puts): the index ages the rest. */
  private readonly used = new Set<string>()
  /** Sizes of restored entries, for the bytes of entries served from bundles. */
  private readonly entrySize = new Map<string, number>()
  /** From the restored index: see CacheIndex.pins. */
  private restoredPins: Pins = {}
  /** Bundles this scope retired and has not deleted yet. */
  private retired: RetiredBundle[] = []
  private repacked = false
  /**
   * Hot bundles of an index borrowed from a sibling scope (another leg's, another job's),
   * held back until a get finds anything in that index: a leg whose keys all differ (other
   * build tags, say) would download every bundle and use none of them. An index of this very
   * scope saved on another branch (a pull request's first run finds its base branch's) is
   * prefetched at once, as the job's own is: it is the same job's last run.
   */
  private deferred?: BundleState[]
  /**
   * Bumped by whatever makes the next index differ from the last one saved: a bundle
   * uploaded, an empty output learnt, a restored bundle found broken. Every save names all of
   * this job's bundles (`added` is never cleared), so a later save is never worse than an
   * earlier one; it only happens when something changed since.
   */
  private changes = 0
  private savedChanges = 0
  private markStarted!: () => void
  private readonly started = new Promise<void>(resolve => (this.markStarted = resolve))
  /** Prefetches of this job's own hot bundles, started: what prefetchDone() waits for. */
  private readonly prefetches: Promise<boolean>[] = []
  /** Hot bundles waiting for holdPrefetch's gate; a get that needs one fetches it at once. */
  private gated?: BundleState[]
  /** Flushes run one at a time: two must never build indexes from the same state at once. */
  private flushChain: Promise<unknown> = Promise.resolve()
  /** Actions unpacked from bundles and not yet asked for: their first get is a prefetch hit. */
  private readonly prefetched = new Set<string>()
  private useCounter = 0
  private open: EntrySource[] = []
  private openBytes = 0
  private openFirstUse = 0
  private readonly openActions = new Set<string>()
  private readonly uploads = new Set<Promise<void>>()
  private readonly downloads: DownloadQueue<BundleState>
  private readonly uploader: Uploader
  private readonly warned = new Set<string>()
  private readonly countExtra = () => void this.stats.requests++
  private readonly owner: string
  private readonly cleanup: ScopeCleanup
  private indexReady: Promise<void> = Promise.resolve()
  private indexSettled = true
  /** Set when the service could not be reached at all: the job goes on with local only. */
  private down = false

  constructor(
    private readonly store: LocalStore,
    private readonly options: RemoteOptions
  ) {
    this.stats = newRemoteStats(options.backend.name)
    this.downloads = new DownloadQueue(
      options.downloadConcurrency ?? DEFAULT_DOWNLOAD_CONCURRENCY,
      state => this.download(state)
    )
    this.uploader = new Uploader(options.backend, this.stats, options.uploadConcurrency ?? 2)
    this.owner = ownerId(options.ref ?? '', options.indexPrefix)
    this.cleanup = new ScopeCleanup(
      {
        target: options.cleanup,
        indexPrefix: options.indexPrefix,
        ref: options.ref ?? '',
        owner: this.owner
      },
      this.stats.cleanup
    )
  }

  /** Restores the index and starts prefetching; gets wait for the index, not the bundles. */
  start(): void {
    this.indexSettled = false
    this.indexReady = this.restoreIndex().finally(() => (this.indexSettled = true))
    this.markStarted()
  }

  /** Settles once the index is restored or given up on. It may be asked for before start(). */
  async indexRestored(): Promise<void> {
    await this.started
    await this.indexReady
  }

  /**
   * Settles once the index is restored and the prefetches it started have ended (downloaded,
   * or failed): all the bundles a job of this scope used last time are in. It may be asked
   * for before start().
   */
  async prefetchDone(): Promise<void> {
    await this.started
    await this.indexReady
    await Promise.allSettled(this.prefetches)
  }

  /**
   * Holds prefetching back until `gate` settles or `maxWaitMs` passes, whichever is first.
   * Gets are not held: a bundle a get needs is fetched at once. Call before start().
   */
  holdPrefetch(gate: Promise<unknown>, maxWaitMs: number): void {
    this.gated = []
    let timer: NodeJS.Timeout | undefined
    const limit = new Promise<void>(resolve => {
      timer = setTimeout(resolve, maxWaitMs)
      timer.unref()
    })
    void Promise.race([gate.catch(() => {}), limit]).then(() => {
      clearTimeout(timer)
      const held = this.gated ?? []
      this.gated = undefined
      for (const state of held) this.prefetch(state)
    })
  }

  /** After a local miss: brings the entry from its bundle; true if the store now has it. */
  async fetch(actionID: Buffer): Promise<boolean> {
    const actionHex = actionID.toString('hex')
    const waitStart = Date.now()
    try {
      if (!this.indexSettled) await this.waitForIndex()
      const empty = this.empty.get(actionHex)
      if (empty !== undefined) {
        this.startDeferred()
        this.store.importSync(actionHex, EMPTY_HEX, Buffer.alloc(0), empty.timeMs)
        this.stats.remoteHits++
        this.used.add(actionHex)
        return true
      }
      const state = this.bundleOf.get(actionHex)
      if (!state) return false
      this.touch(state.use)
      this.startDeferred()
      await this.entryLanded(state, actionHex)
      this.prefetched.delete(actionHex)
      if (!state.unpacked.has(actionHex)) return false
      this.stats.remoteHits++
      this.stats.remoteHitBytes += this.entrySize.get(actionHex) ?? 0
      this.used.add(actionHex)
      return true
    } finally {
      this.stats.networkWaitMs += Date.now() - waitStart
    }
  }

  /**
   * Waits for one entry rather than its whole bundle: the unpacker takes wanted entries
   * first, so go waits for a download and one file, not for hundreds of siblings.
   */
  private entryLanded(state: BundleState, actionHex: string): Promise<unknown> {
    const attempt = this.downloads.urgent(state)
    if (state.unpacked.has(actionHex)) return Promise.resolve()
    const landed = new Promise<void>(resolve => {
      const waiting = state.waiters.get(actionHex)
      if (waiting) waiting.push(resolve)
      else state.waiters.set(actionHex, [resolve])
    })
    state.wanted.push(actionHex)
    return Promise.race([landed, attempt])
  }

  private async waitForIndex(): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const limit = new Promise<void>(resolve => {
      timer = setTimeout(resolve, this.options.indexWaitMs ?? DEFAULT_INDEX_WAIT_MS)
    })
    await Promise.race([this.indexReady, limit])
    clearTimeout(timer)
  }

  /**
   * After a local hit: counts prefetch hits and notes which bundles this run used. True when
   * the entry is one a bundle brought this job (its first use).
   */
  noteLocalHit(actionID: Buffer): boolean {
    const actionHex = actionID.toString('hex')
    this.used.add(actionHex)
    const state = this.bundleOf.get(actionHex)
    if (state) this.touch(state.use)
    if (!this.prefetched.delete(actionHex)) return false
    this.stats.remoteHits++
    this.stats.prefetchHits++
    this.stats.remoteHitBytes += this.entrySize.get(actionHex) ?? 0
    return true
  }

  /** After a put landed in the local store: adds it to the open bundle. */
  recordPut(entry: EntrySource): void {
    if (this.options.readOnly || this.down) return
    const actionHex = entry.actionID.toString('hex')
    this.used.add(actionHex)
    if (entry.size === 0) {
      if (this.empty.get(actionHex) === undefined) this.changes++
      this.empty.set(actionHex, { timeMs: entry.timeMs, idle: 0 })
      return
    }
    if (this.openActions.has(actionHex)) return
    if (this.open.length === 0) this.openFirstUse = ++this.useCounter
    this.open.push(entry)
    this.openActions.add(actionHex)
    this.openBytes += entry.size
    if (this.openBytes >= this.options.bundleBytes) this.seal()
  }

  /** Uploads the open bundle and everything pending, then a new index if anything changed. */
  flush(): Promise<RemoteStats> {
    const run = this.flushChain.then(() => this.flushOnce())
    this.flushChain = run.catch(() => {})
    return run
  }

  private async flushOnce(): Promise<RemoteStats> {
    await this.indexReady
    if (this.options.readOnly || this.down) return this.stats
    // Only a job that saves an index anyway repacks: a re-run that changed nothing uploads
    // nothing.
    const saving = this.open.length > 0 || this.uploads.size > 0 || this.changes > this.savedChanges
    if (this.open.length > 0) this.seal()
    if (!this.repacked && saving) {
      this.repacked = true
      await this.repack()
    }
    while (this.uploads.size > 0) await Promise.all([...this.uploads])
    const changes = this.changes
    // An index restored from a relative (a sibling leg, a broader scope) is saved under this
    // job's own scope even when nothing is new, so the next run finds its own.
    const borrowed =
      this.stats.indexKey !== null &&
      this.fromRelative(this.stats.indexKey) &&
      !this.stats.indexUploaded
    if (changes === this.savedChanges && !borrowed) return this.stats
    const carriedTimes = await this.options.carriedTimes?.().catch((err: Error) => {
      log('info', `file times not carried: ${err.message}`)
      return undefined
    })
    const nowMs = now()
    const index = nextIndex({
      carriedTimes,
      restored: this.restored.map(state => state.use),
      added: this.added,
      empty: this.empty,
      used: this.used,
      owner: this.owner,
      pins: this.restoredPins,
      retired: this.retired,
      nowMs
    })
    index.retired = await this.cleanup.deleteRetired(index.retired, nowMs)
    const file = this.store.tmpPath()
    try {
      const text = serializeIndex(index)
      await fs.writeFile(file, text)
      const tag = this.options.indexTag ? `-${this.options.indexTag}` : ''
      const random = randomBytes(4).toString('hex')
      const key = `${this.options.indexPrefix}${nowMs}-${random}${pinsPart(index.pins)}${tag}`
      await this.uploader.upload(key, file, 'index')
      this.stats.indexUploaded = true
      this.stats.indexBytesSaved = text.length
      this.savedChanges = changes
      this.retired = index.retired
      await this.cleanup.deleteOlderIndexes(nowMs)
    } catch (err) {
      this.warn('index', `could not save the cache index: ${(err as Error).message}`)
    } finally {
      await fs.rm(file, { force: true })
    }
    return this.stats
  }

  private async restoreIndex(): Promise<void> {
    const file = this.store.tmpPath()
    const prefixes = [this.options.indexPrefix, ...(this.options.fallbackPrefixes ?? [])]
    let key
    try {
      key = await this.withOneRetry(() =>
        this.options.backend.restoreNewest(prefixes, file, this.countExtra)
      )
    } catch (err) {
      this.stats.failedRequests++
      // Unreachable or failing on the first request: stop asking, so that uploads and
      // downloads do not each wait out their own retries.
      this.down = true
      this.stats.indexState = 'unreachable'
      this.warn('index', `cannot reach the remote cache; local cache only: ${errorText(err)}`)
      await fs.rm(file, { force: true })
      return
    }
    try {
      if (!key) {
        this.stats.indexState = 'none'
        log('info', `no cache index under ${prefixes.join(', ')}: starting empty`)
        return
      }
      const text = await fs.readFile(file, 'utf8')
      const index = parseIndex(text)
      this.stats.indexKey = key
      this.stats.indexState = 'restored'
      this.stats.indexBytesRestored = text.length
      this.stats.bundlesInIndex = index.bundles.length
      this.restoredCarriedTimes = index.carriedTimes ?? []
      if (index.owner === this.owner) {
        this.restoredPins = index.pins
        this.retired = index.retired
      } else {
        // Borrowed: its bundles are another owner's, as old as that index at least.
        this.restoredPins = mergePins(index.pins, { [index.owner || ANY_OWNER]: index.createdMs })
        if (this.fromRelative(key)) this.deferred = []
      }
      const times = new Map<string, number>()
      for (const [actionHex, timeMs, idle] of index.empty) {
        this.empty.set(actionHex, { timeMs, idle })
        times.set(actionHex, timeMs)
      }
      // About a third of a job's gets are empty outputs: let the bridges answer them now.
      this.store.vouchForEmpty(times)
      for (const bundle of index.bundles) this.addRestoredBundle(bundle)
      log(
        'info',
        `restored index ${key}: ${index.bundles.length} bundles (${this.stats.coldBundles} cold: fetched only if asked for)`
      )
    } catch (err) {
      this.stats.indexState = 'unreadable'
      this.warn('index', `ignoring the unreadable cache index ${key}: ${errorText(err)}`)
    } finally {
      await fs.rm(file, { force: true })
    }
  }

  /** Whether an index key is a relative scope's (a sibling leg's, a broader one's), not ours. */
  private fromRelative(key: string): boolean {
    return !key.startsWith(this.options.indexPrefix)
  }

  /** The index gates every bundle: one failed download of it is worth a second try. */
  private async withOneRetry<T>(request: () => Promise<T>): Promise<T> {
    this.stats.requests++
    try {
      return await request()
    } catch (err) {
      this.stats.failedRequests++
      log('info', `index restore failed, retrying once: ${errorText(err)}`)
      await sleep(500)
      this.stats.requests++
      return await request()
    }
  }

  private addRestoredBundle(bundle: IndexBundle): void {
    const state: BundleState = {
      use: { bundle },
      unpacked: new Set(),
      wanted: [],
      waiters: new Map()
    }
    this.restored.push(state)
    bundle.actions.forEach((actionHex, i) => {
      if (this.bundleOf.has(actionHex)) return
      this.bundleOf.set(actionHex, state)
      this.entrySize.set(actionHex, bundle.sizes[i])
    })
    // Cold bundles (nothing in them was asked for last run) wait for a get that needs them.
    if (!isHot(bundle)) this.stats.coldBundles++
    else if (this.deferred) this.deferred.push(state)
    else if (this.gated) this.gated.push(state)
    else this.prefetch(state)
  }

  private prefetch(state: BundleState): void {
    this.prefetches.push(this.downloads.enqueue(state))
  }

  /** The borrowed index proved useful: prefetch its hot bundles now. */
  private startDeferred(): void {
    if (!this.deferred) return
    const held = this.deferred
    this.deferred = undefined
    if (held.length > 0)
      log('info', `a get hit the borrowed index: prefetching ${held.length} bundles`)
    for (const state of held) void this.downloads.enqueue(state)
  }

  private async download(state: BundleState): Promise<boolean> {
    const { key } = state.use.bundle
    const t0 = Date.now()
    const intake = new BundleIntake(this.store, this.store.tmpPath(), entry =>
      this.landed(state, entry.actionID.toString('hex'))
    )
    try {
      this.stats.requests++
      let found
      try {
        found = await this.options.backend.download(key, intake, this.countExtra)
      } finally {
        await intake.close()
      }
      if (!found) {
        this.markBroken(state)
        this.warn(
          'download',
          `bundle ${key} is no longer in the cache (evicted?): its entries are misses`
        )
        return false
      }
      this.stats.bundlesDownloaded++
      this.stats.bytesDownloaded += intake.bytes
      const corrupt = intake.streamed
        ? this.finishStreamed(key, intake.streamed, intake.bytes, t0)
        : await this.unpackFile(state, intake, t0)
      this.stats.corruptEntries += corrupt
      state.downloaded = true
      return true
    } catch (err) {
      if (err instanceof BundleError) this.stats.corruptBundles++
      else this.stats.failedRequests++
      if (!(err instanceof BundleError) && !state.retried) {
        // A transfer cut short, or a signed URL that expired on the way, may well work the
        // second time: each backend download asks for a fresh URL. The get waiting now takes
        // a miss rather than waiting twice; later gets find the bundle re-queued.
        state.retried = true
        log('info', `bundle ${key} download failed, trying once more: ${errorText(err)}`)
        setTimeout(() => void this.downloads.retry(state), DOWNLOAD_RETRY_DELAY_MS).unref()
        return false
      }
      this.markBroken(state)
      this.warn('download', `bundle ${key} rejected, its entries are misses: ${errorText(err)}`)
      return false
    } finally {
      // Whoever still waits gets a miss (or, after a retry, waits on the next attempt).
      for (const waiting of state.waiters.values()) for (const release of waiting) release()
      state.waiters.clear()
      state.wanted.length = 0
      if (intake.wroteFile) await fs.rm(intake.file, { force: true })
    }
  }

  /** A bundle unpacked as it arrived: checks its end; returns the corrupt entries' count. */
  private finishStreamed(
    key: string,
    streamed: BundleStreamUnpacker,
    size: number,
    t0: number
  ): number {
    streamed.finish()
    const ms = Date.now() - t0
    this.stats.bundlesCheckedOnArrival++
    this.stats.fetchMs += ms
    log(
      'debug',
      `bundle ${key}: ${streamed.unpacked.length} entries, ${size} bytes; fetched and unpacked ` +
        `as it arrived in ${ms} ms; in at ${process.uptime().toFixed(2)} s of the daemon's life`
    )
    return streamed.corrupt
  }

  /** A bundle that went to a file (version 1): checked, then unpacked, wanted entries first. */
  private async unpackFile(state: BundleState, intake: BundleIntake, t0: number): Promise<number> {
    const { key } = state.use.bundle
    const { file, digest } = intake
    const size = intake.bytes
    const t1 = Date.now()
    // The intake hashed the bytes as it wrote them: no second pass over the file.
    this.stats.bundlesCheckedOnArrival++
    const entries = await readBundleTable(file, digest)
    const t2 = Date.now()
    const { corrupt } = await unpackBundle(file, entries, this.store, {
      wanted: state.wanted,
      onStored: entry => this.landed(state, entry.actionID.toString('hex'))
    })
    const t3 = Date.now()
    this.stats.fetchMs += t1 - t0
    this.stats.checkMs += t2 - t1
    this.stats.unpackMs += t3 - t2
    log(
      'debug',
      `bundle ${key}: ${entries.length} entries, ${size} bytes; fetched ${t1 - t0} ms, checked ${t2 - t1} ms` +
        ` (hashed as it arrived), unpacked ${t3 - t2} ms; ` +
        `in at ${process.uptime().toFixed(2)} s of the daemon's life`
    )
    return corrupt
  }

  /**
   * Splits restored bundles that mix what Go asks for with what it stopped asking for (see
   * compaction.ts). An old bundle keeps the entries that did not move, as a cold bundle, or
   * leaves the index when none is left (nextIndex drops what the new bundles claim).
   */
  private async repack(): Promise<void> {
    // A matrix that already meets the rate limit must not add to it.
    if (this.stats.rateLimited > 0) return
    const claimed = new Set(this.openActions)
    for (const use of this.added) for (const action of use.bundle.actions) claimed.add(action)
    // Only its own: another scope's bundles (a pull request's base) would be copied into this
    // scope, which cannot delete the originals.
    const candidates = this.restored
      .filter(s => s.downloaded && !s.use.broken && s.use.bundle.owner === this.owner)
      .map(s => s.use)
    const plan = planRepack(candidates, this.used, claimed, this.options.bundleBytes)
    if (logs('debug')) {
      for (const use of candidates) log('debug', describeUse(use, this.used, claimed, plan.sources))
    }
    if (plan.sources.length === 0) return
    const hot = await this.entrySources(plan.hot)
    const cold = await this.entrySources([...plan.cold.keys()])
    // An entry gone from the local store (trimmed) would be lost: leave these bundles be.
    if (!hot || !cold) return log('debug', 'repack skipped: an entry is no longer on disk')
    const firstUses = plan.sources.map(u => u.firstUse).filter(n => n !== undefined)
    const firstUse = firstUses.length > 0 ? Math.min(...firstUses) : undefined
    this.stats.bundlesRepacked += plan.sources.length
    for (const group of [hot, cold]) {
      for (const chunk of chunks(group, this.options.bundleBytes)) {
        this.stats.bytesRepacked += chunk.reduce((n, e) => n + e.size, 0)
        this.queueUpload(chunk, group === hot ? firstUse : undefined, plan.cold)
      }
    }
  }

  private async entrySources(actions: string[]): Promise<EntrySource[] | undefined> {
    const sources: EntrySource[] = []
    for (const actionHex of actions) {
      const record = await this.store.record(actionHex)
      if (!record) return undefined
      if (record.size === 0) continue
      sources.push({
        actionID: Buffer.from(actionHex, 'hex'),
        outputID: Buffer.from(record.outputHex, 'hex'),
        size: record.size,
        timeMs: record.timeMs,
        path: this.store.outputPath(record.outputHex)
      })
    }
    return sources
  }

  private landed(state: BundleState, actionHex: string): void {
    state.unpacked.add(actionHex)
    this.prefetched.add(actionHex)
    const waiting = state.waiters.get(actionHex)
    if (!waiting) return
    state.waiters.delete(actionHex)
    for (const release of waiting) release()
  }

  /** The next index must forget it: Go rebuilt what it held, into this job's bundles. */
  private markBroken(state: BundleState): void {
    if (state.use.broken) return
    state.use.broken = true
    this.changes++
  }

  private touch(use: BundleUse): void {
    if (use.firstUse !== undefined) return
    use.firstUse = ++this.useCounter
    this.stats.bundlesUsed++
  }

  private seal(): void {
    const sources = this.open
    const firstUse = this.openFirstUse
    this.open = []
    this.openBytes = 0
    this.openActions.clear()
    this.queueUpload(sources, firstUse)
  }

  private queueUpload(sources: EntrySource[], firstUse?: number, idle?: Map<string, number>) {
    const task = this.uploadBundle(sources, firstUse, idle).finally(() => this.uploads.delete(task))
    this.uploads.add(task)
  }

  /** idle: idle counts of repacked cold entries; new entries count 0. */
  private async uploadBundle(
    sources: EntrySource[],
    firstUse: number | undefined,
    idleOf?: Map<string, number>
  ): Promise<void> {
    const file = this.store.tmpPath()
    try {
      const written = await writeBundle(file, sources)
      if (written.entries.length === 0) return
      const key = `go-cache-bundle-${written.sha256}`
      const result = await this.uploader.upload(key, file, 'bundle')
      if (result.status === 'saved') {
        this.stats.bundlesUploaded++
        this.stats.bytesUploaded += written.bytes
      }
      const bundle: IndexBundle = {
        key,
        bytes: written.bytes,
        actions: [],
        sizes: [],
        idle: [],
        owner: this.owner
      }
      const seen = new Set<string>()
      for (const entry of written.entries) {
        const actionHex = entry.actionID.toString('hex')
        if (seen.has(actionHex)) continue
        seen.add(actionHex)
        bundle.actions.push(actionHex)
        bundle.sizes.push(entry.size)
        bundle.idle.push(idleOf?.get(actionHex) ?? 0)
      }
      this.added.push({ bundle, firstUse })
      this.changes++
    } catch (err) {
      // The entries stay in the local store; only later jobs lose them.
      this.warn(
        'upload',
        `could not upload a bundle of ${sources.length} entries: ${errorText(err)}`
      )
    } finally {
      await fs.rm(file, { force: true })
    }
  }

  /** One warning per topic: a dead service must not flood the log. */
  private warn(topic: string, message: string): void {
    if (this.warned.has(topic)) return log('info', message)
    this.warned.add(topic)
    log('warn', message)
  }
}

/** Splits entries into groups of about `bytes` each. */
function chunks(entries: EntrySource[], bytes: number): EntrySource[][] {
  const out: EntrySource[][] = []
  let current: EntrySource[] = []
  let size = 0
  for (const entry of entries) {
    current.push(entry)
    size += entry.size
    if (size >= bytes) {
      out.push(current)
      current = []
      size = 0
    }
  }
  if (current.length > 0) out.push(current)
  return out
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
