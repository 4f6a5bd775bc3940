import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import type { ByteSink, RemoteBackend, UploadResult } from '../src/remote/backend.js'
import { readBundleTable } from '../src/bundle/bundle-reader.js'
import { writeBundle } from '../src/bundle/bundle-writer.js'
import { FORMAT_V1 } from '../src/bundle/format.js'
import { parseIndex } from '../src/remote/cache-index.js'
import { DirectoryBackend } from '../src/remote/directory-backend.js'
import { RemoteCache, type RemoteOptions } from '../src/remote/remote-cache.js'
import { LocalStore } from '../src/store/local-store.js'
import { actionId } from './helpers/protocol.js'
import { goSide } from './helpers/remote-job.js'
import { tempDir } from './helpers/tmp.js'

const PREFIX = 'go-cache-index-test-'

/** A job: a fresh local store and remote tier on a shared backend. */
async function job(
  backend: RemoteBackend,
  options: Partial<RemoteOptions> = {},
  beforeStart?: (remote: RemoteCache) => void
) {
  const store = await LocalStore.open(tempDir())
  const remote = new RemoteCache(store, {
    backend,
    bundleBytes: 1000,
    indexPrefix: PREFIX,
    ...options
  })
  beforeStart?.(remote)
  remote.start()
  return { store, remote, ...goSide(store, remote) }
}

const body = (n: number, size = 400) => Buffer.alloc(size, n)

/** The indexes a directory backend holds, oldest first. */
function savedIndexes(dir: string) {
  return fs
    .readdirSync(dir)
    .filter(f => f.startsWith(PREFIX))
    .map(f => parseIndex(fs.readFileSync(path.join(dir, f), 'utf8')))
    .sort((x, y) => x.createdMs - y.createdMs)
}

/** Counts calls and can fail them, around a real directory backend. */
class FlakyBackend implements RemoteBackend {
  readonly name = 'flaky'
  calls = { download: 0, upload: 0, restore: 0 }
  failDownloads = false
  rateLimitUploads = 0
  constructor(readonly inner: DirectoryBackend) {}
  async download(key: string, into: ByteSink) {
    this.calls.download++
    if (this.failDownloads) throw new Error('connection reset')
    return this.inner.download(key, into)
  }
  async upload(key: string, file: string): Promise<UploadResult> {
    this.calls.upload++
    if (this.rateLimitUploads > 0) {
      this.rateLimitUploads--
      return { status: 'rate-limited', retryAfterMs: 300 }
    }
    return this.inner.upload(key, file)
  }
  async restoreNewest(prefixes: string[], file: string) {
    this.calls.restore++
    return this.inner.restoreNewest(prefixes, file)
  }
}

/** Waits (at most 2 s) until n bundles are in: one counts once its trailer is checked. */
async function downloaded(remote: RemoteCache, n: number) {
  for (let i = 0; i < 200 && remote.stats.bundlesDownloaded < n; i++) {
    await new Promise(resolve => setTimeout(resolve, 10))
  }
  expect(remote.stats.bundlesDownloaded).toBe(n)
}

describe('remote tier', () => {
  it('serves a later job from bundles with one request per bundle plus one for the index', async () => {
    const backend = new FlakyBackend(new DirectoryBackend(tempDir()))
    const a = await job(backend)
    for (let n = 0; n < 10; n++) await a.put(n, body(n))
    await a.put(10, Buffer.alloc(0))
    const statsA = await a.remote.flush()
    // 4000 bytes at 1000 per bundle: sealed at 1200 (3 puts), so 4 bundles.
    expect(statsA.bundlesUploaded).toBe(4)
    expect(statsA.indexUploaded).toBe(true)
    expect(backend.calls).toEqual({ download: 0, upload: 5, restore: 1 })

    backend.calls = { download: 0, upload: 0, restore: 0 }
    const b = await job(backend)
    for (let n = 0; n < 10; n++) expect((await b.get(n))?.equals(body(n))).toBe(true)
    expect((await b.get(10))?.length).toBe(0)
    expect(await b.get(11)).toBeUndefined()
    // The last entry can be served before its bundle's end has arrived and been checked.
    await downloaded(b.remote, 4)
    const statsB = await b.remote.flush()
    expect(backend.calls).toEqual({ download: 4, upload: 0, restore: 1 })
    expect(statsB).toMatchObject({ bundlesDownloaded: 4, remoteHits: 11, indexUploaded: false })
  })

  it('still serves the version 1 bundles earlier releases saved, from a file', async () => {
    const dir = tempDir()
    const backend = new DirectoryBackend(dir)
    const a = await job(backend, { bundleBytes: 1 << 20 })
    for (let n = 0; n < 5; n++) await a.put(n, body(n))
    await a.remote.flush()
    // Rewrite the saved bundle as an earlier release wrote it, under the same key.
    const [key] = fs.readdirSync(dir).filter(f => f.startsWith('go-cache-bundle-'))
    const entries = await readBundleTable(path.join(dir, key))
    const sources = entries.map(entry => ({
      ...entry,
      path: a.store.outputPath(entry.outputID.toString('hex'))
    }))
    const v1 = path.join(tempDir(), 'v1')
    await writeBundle(v1, sources, FORMAT_V1)
    fs.copyFileSync(v1, path.join(dir, key))
    expect(fs.readFileSync(path.join(dir, key)).subarray(0, 8).toString()).toBe('GOCBNDL1')

    const b = await job(backend)
    for (let n = 0; n < 5; n++) expect((await b.get(n))?.equals(body(n))).toBe(true)
    await b.remote.prefetchDone()
    expect(b.remote.stats).toMatchObject({ bundlesDownloaded: 1, remoteHits: 5, corruptBundles: 0 })
  })

  it('uploads only the new entries after a change, and the next index lists both', async () => {
    const dir = tempDir()
    const backend = new DirectoryBackend(dir)
    const a = await job(backend, { bundleBytes: 1 << 20 })
    for (let n = 0; n < 5; n++) await a.put(n, body(n))
    await a.remote.flush()
    const c = await job(backend, { bundleBytes: 1 << 20 })
    for (let n = 0; n < 4; n++) await c.get(n)
    await c.put(5, body(5, 10))
    const stats = await c.remote.flush()
    // Magic, count, one record, the table's checksum, the body, the trailer.
    expect(stats).toMatchObject({ bundlesUploaded: 1, bytesUploaded: 8 + 4 + 88 + 32 + 10 + 56 })
    const d = await job(backend)
    await d.get(0)
    expect((await d.get(5))?.equals(body(5, 10))).toBe(true)
    const indexes = fs.readdirSync(dir).filter(f => f.startsWith(PREFIX))
    expect(indexes).toHaveLength(2)
  })

  it('orders the next index by first use, so prefetch follows the build', async () => {
    const dir = tempDir()
    const backend = new DirectoryBackend(dir)
    const a = await job(backend, { bundleBytes: 1 })
    for (let n = 0; n < 3; n++) await a.put(n, body(n))
    await a.remote.flush()
    const b = await job(backend, { bundleBytes: 1 })
    // Wait for prefetch, then use the bundles in reverse, and add one entry in between.
    await b.remote.flush()
    await b.get(2)
    await b.put(9, body(9))
    await b.get(0)
    await b.remote.flush()
    const newest = fs
      .readdirSync(dir)
      .filter(f => f.startsWith(PREFIX))
      .map(f => ({ f, index: parseIndex(fs.readFileSync(path.join(dir, f), 'utf8')) }))
      .sort((x, y) => y.index.createdMs - x.index.createdMs)[0].index
    const order = newest.bundles.map(bundle => bundle.actions[0])
    expect(order).toEqual([2, 9, 0, 1].map(n => actionId(n).toString('hex')))
    expect(newest.bundles[3].idle).toEqual([1])
  })

  it('turns a corrupt bundle into misses and drops it from the next index', async () => {
    const dir = tempDir()
    const backend = new DirectoryBackend(dir)
    const a = await job(backend, { bundleBytes: 1 })
    await a.put(0, body(0))
    await a.put(1, body(1))
    await a.remote.flush()
    const bundles = fs.readdirSync(dir).filter(f => f.startsWith('go-cache-bundle-'))
    const victim = path.join(dir, bundles[0])
    const data = fs.readFileSync(victim)
    data[20] ^= 1
    fs.writeFileSync(victim, data)
    const b = await job(backend)
    const answers = [await b.get(0), await b.get(1)]
    expect(answers.filter(x => x === undefined)).toHaveLength(1)
    expect(answers.find(x => x !== undefined)?.length).toBe(400)
    expect(b.remote.stats.corruptBundles).toBe(1)
    const stats = await b.remote.flush()
    expect(stats.indexUploaded).toBe(true)
  })

  it('an evicted bundle: the job that meets it saves its repair in every index, the next job hits all', async () => {
    const dir = tempDir()
    const backend = new DirectoryBackend(dir)
    const indexes = () => savedIndexes(dir)
    const a = await job(backend, { bundleBytes: 1 })
    for (let n = 0; n < 3; n++) await a.put(n, body(n))
    await a.remote.flush()
    const evicted = indexes()[0].bundles.find(b => b.actions[0] === actionId(1).toString('hex'))!
    fs.rmSync(path.join(dir, evicted.key))

    const b = await job(backend, { bundleBytes: 1 })
    expect(await b.get(1)).toBeUndefined()
    for (const n of [0, 2]) expect((await b.get(n))?.equals(body(n))).toBe(true)
    await b.put(1, body(1)) // what go rebuilt
    await b.remote.flush()
    // The post step flushes, then stops (a second flush): nothing new, so nothing saved.
    await b.remote.flush()
    const saved = indexes()
    expect(saved).toHaveLength(2)
    const repaired = saved[1].bundles
    expect(repaired.map(x => x.key)).not.toContain(evicted.key)
    expect(repaired.flatMap(x => x.actions).sort()).toEqual(
      [0, 1, 2].map(n => actionId(n).toString('hex')).sort()
    )

    const c = await job(backend)
    for (let n = 0; n < 3; n++) expect((await c.get(n))?.equals(body(n))).toBe(true)
    // A get is answered as its entry lands, before its bundle's download has ended.
    await c.remote.prefetchDone()
    expect(c.remote.stats).toMatchObject({ remoteHits: 3, bundlesDownloaded: 3 })
  })

  it('many jobs meeting the same hole at once each forget it; the next job asks for it no more', async () => {
    const dir = tempDir()
    const backend = new DirectoryBackend(dir)
    const a = await job(backend, { bundleBytes: 1 })
    for (let n = 0; n < 3; n++) await a.put(n, body(n))
    await a.remote.flush()
    const evicted = savedIndexes(dir)[0].bundles.find(
      b => b.actions[0] === actionId(1).toString('hex')
    )!
    fs.rmSync(path.join(dir, evicted.key))
    // Four legs of one run restore the same index at the same time and all meet the hole.
    const legs = await Promise.all([1, 2, 3, 4].map(() => job(backend, { bundleBytes: 1 })))
    await Promise.all(
      legs.map(async leg => {
        expect(await leg.get(1)).toBeUndefined()
        for (const n of [0, 2]) expect((await leg.get(n))?.equals(body(n))).toBe(true)
        await leg.put(1, body(1))
        await leg.remote.flush()
      })
    )
    for (const index of savedIndexes(dir).slice(1)) {
      expect(index.bundles.map(b => b.key)).not.toContain(evicted.key)
    }
    const next = await job(backend, { bundleBytes: 1 })
    for (let n = 0; n < 3; n++) expect((await next.get(n))?.equals(body(n))).toBe(true)
    expect(next.remote.stats).toMatchObject({ failedRequests: 0, remoteHits: 3 })
  })

  it('a later save in the same job keeps every bundle an earlier one named', async () => {
    const dir = tempDir()
    const backend = new DirectoryBackend(dir)
    const saved = () => savedIndexes(dir).reverse()
    const a = await job(backend, { bundleBytes: 1 })
    await a.put(0, body(0))
    await a.remote.flush()
    await a.put(1, body(1))
    await a.remote.flush()
    expect(
      saved()[0]
        .bundles.flatMap(x => x.actions)
        .sort()
    ).toEqual([0, 1].map(n => actionId(n).toString('hex')).sort())
    // Two flushes at once: the first saves, the second finds nothing new since.
    await a.put(2, body(2))
    await Promise.all([a.remote.flush(), a.remote.flush()])
    expect(saved()).toHaveLength(3)
    expect(saved()[0].bundles).toHaveLength(3)
  })

  it('answers misses when the service fails, and never throws into the build', async () => {
    const backend = new FlakyBackend(new DirectoryBackend(tempDir()))
    const a = await job(backend)
    await a.put(0, body(0, 2000))
    await a.remote.flush()
    backend.failDownloads = true
    const b = await job(backend)
    expect(await b.get(0)).toBeUndefined()
    expect(b.remote.stats.failedRequests).toBe(1)

    const dead: RemoteBackend = {
      name: 'dead',
      download: () => Promise.reject(new Error('ECONNREFUSED')),
      upload: () => Promise.reject(new Error('ECONNREFUSED')),
      restoreNewest: () => Promise.reject(new Error('ECONNREFUSED'))
    }
    const c = await job(dead)
    expect(await c.get(0)).toBeUndefined()
    await c.put(1, body(1, 2000))
    const stats = await c.remote.flush()
    expect(stats).toMatchObject({ bundlesUploaded: 0, indexUploaded: false })
    expect(stats.failedRequests).toBeGreaterThan(1)
  })

  it('waits out a rate limit once for all uploads, then saves them', async () => {
    const backend = new FlakyBackend(new DirectoryBackend(tempDir()))
    backend.rateLimitUploads = 2
    const a = await job(backend, { bundleBytes: 1 })
    const started = Date.now()
    for (let n = 0; n < 4; n++) await a.put(n, body(n))
    const stats = await a.remote.flush()
    expect(stats).toMatchObject({ bundlesUploaded: 4, indexUploaded: true, rateLimited: 2 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })

  it('holds its prefetch back until a gate opens (the module bundles), never a get', async () => {
    const dir = tempDir()
    const backend = new FlakyBackend(new DirectoryBackend(dir))
    const a = await job(backend)
    for (let n = 0; n < 10; n++) await a.put(n, body(n))
    expect((await a.remote.flush()).bundlesUploaded).toBe(4)

    backend.calls = { download: 0, upload: 0, restore: 0 }
    let open!: () => void
    const gate = new Promise<void>(resolve => (open = resolve))
    const b = await job(backend, {}, remote => remote.holdPrefetch(gate, 60_000))
    await b.remote.prefetchDone()
    await new Promise(r => setTimeout(r, 200))
    expect(backend.calls.download).toBe(0)
    // A get does not wait for the gate: its bundle alone comes now.
    expect((await b.get(9))?.equals(body(9))).toBe(true)
    expect(backend.calls.download).toBe(1)
    open()
    await new Promise(r => setTimeout(r, 50))
    await b.remote.prefetchDone()
    expect(backend.calls.download).toBe(4)
    for (let n = 0; n < 10; n++) expect((await b.get(n))?.equals(body(n))).toBe(true)
    expect(backend.calls.download).toBe(4)

    // The gate the daemon uses, another tier's prefetchDone(), asked for before that tier
    // starts (as the daemon may): it opens only once that tier's bundles are in.
    const slow = new FlakyBackend(new DirectoryBackend(dir))
    const modules = new RemoteCache(await LocalStore.open(tempDir()), {
      backend: {
        name: 'slow',
        download: async (key: string, into: ByteSink) => {
          await new Promise(r => setTimeout(r, 300))
          return slow.download(key, into)
        },
        upload: (key: string, file: string) => slow.upload(key, file),
        restoreNewest: (prefixes: string[], file: string) => slow.restoreNewest(prefixes, file)
      },
      bundleBytes: 1000,
      indexPrefix: PREFIX
    })
    let modulesIn = false
    const done = modules.prefetchDone().then(() => (modulesIn = true))
    await new Promise(r => setTimeout(r, 100))
    expect(modulesIn).toBe(false)
    modules.start()
    await done
    expect(slow.calls.download).toBe(4)

    // A gate that never opens holds prefetching for its time limit only.
    backend.calls = { download: 0, upload: 0, restore: 0 }
    const c = await job(backend, {}, remote => remote.holdPrefetch(new Promise(() => {}), 300))
    await new Promise(r => setTimeout(r, 100))
    expect(backend.calls.download).toBe(0)
    await new Promise(r => setTimeout(r, 400))
    await c.remote.prefetchDone()
    expect(backend.calls.download).toBe(4)
  })

  it('uploads nothing in read-only mode but still serves', async () => {
    const dir = tempDir()
    const a = await job(new DirectoryBackend(dir))
    await a.put(0, body(0, 2000))
    await a.remote.flush()
    const before = fs.readdirSync(dir).sort()
    const b = await job(new DirectoryBackend(dir), { readOnly: true })
    expect(await b.get(0)).toBeDefined()
    await b.put(1, body(1, 2000))
    await b.remote.flush()
    expect(fs.readdirSync(dir).sort()).toEqual(before)
  })

  it('falls back to another scope when its own has no index', async () => {
    const backend = new DirectoryBackend(tempDir())
    const main = await job(backend, { indexPrefix: 'go-cache-index-main-' })
    await main.put(0, body(0, 2000))
    await main.remote.flush()
    const leg = await job(backend, {
      indexPrefix: 'go-cache-index-leg-',
      fallbackPrefixes: ['go-cache-index-main-']
    })
    expect(await leg.get(0)).toBeDefined()
    expect(leg.remote.stats.indexKey).toMatch(/^go-cache-index-main-/)
  })
})

describe('the remote tier over many runs', () => {
  /** A job that put 10 entries of 4000 bytes in one bundle, then one that asks for `used`. */
  async function usedOfTen(used: number) {
    const dir = tempDir()
    const backend = new DirectoryBackend(dir)
    const a = await job(backend, { bundleBytes: 1 << 20 })
    for (let n = 0; n < 10; n++) await a.put(n, body(n, 4000))
    await a.remote.flush()
    const original = fs.readdirSync(dir).filter(f => f.startsWith('go-cache-bundle-'))
    expect(original).toHaveLength(1)
    const b = await job(backend, { bundleBytes: 1 << 20 })
    await downloaded(b.remote, 1)
    for (let n = 0; n < used; n++) expect((await b.get(n))?.equals(body(n, 4000))).toBe(true)
    await b.put(20, body(20, 4000))
    const stats = await b.remote.flush()
    return { backend, dir, original, stats, index: savedIndexes(dir).at(-1)! }
  }

  it('splits a bundle Go mostly stopped using: the next job downloads only what it uses', async () => {
    const { backend, original, stats, index } = await usedOfTen(3)
    // The new entry and the 3 used ones are uploaded; the 7 others stay in the original,
    // which is cold now: uploading them again would only lengthen this job's post.
    expect(stats).toMatchObject({ bundlesUploaded: 2, bundlesRepacked: 1, remoteHitBytes: 12000 })
    expect(index.bundles.map(bundle => bundle.actions.length).sort()).toEqual([1, 3, 7])
    const left = index.bundles.find(bundle => original[0].startsWith(bundle.key))!
    expect(left.idle).toEqual(Array(7).fill(1))
    expect(index.retired).toEqual([])

    const c = await job(backend, { bundleBytes: 1 << 20 })
    await downloaded(c.remote, 2)
    expect(c.remote.stats.coldBundles).toBe(1)
    for (const n of [0, 1, 2, 20]) expect((await c.get(n))?.length).toBe(4000)
    expect(c.remote.stats.bundlesDownloaded).toBe(2)
    // A cold entry is still there: its bundle comes when asked for.
    expect((await c.get(5))?.equals(body(5, 4000))).toBe(true)
    await downloaded(c.remote, 3)
  })

  it('moves the unused entries too when they are under half the bundle, and retires it', async () => {
    const { original, stats, index } = await usedOfTen(6)
    // The new entry, the 6 used ones, the 4 others: three bundles.
    expect(stats).toMatchObject({ bundlesUploaded: 3, bundlesRepacked: 1 })
    expect(index.bundles.map(bundle => bundle.actions.length).sort()).toEqual([1, 4, 6])
    expect(index.bundles.at(-1)!.idle).toEqual(Array(4).fill(1))
    expect(index.retired.map(r => r.key)).toEqual(original)
  })

  it('a borrowed index is downloaded only once a get finds something in it', async () => {
    const dir = tempDir()
    const backend = new DirectoryBackend(dir)
    const a = await job(backend, { bundleBytes: 4000 })
    for (let n = 0; n < 4; n++) await a.put(n, body(n, 4000))
    await a.remote.flush()
    const borrow = { indexPrefix: `${PREFIX}leg2-`, fallbackPrefixes: [PREFIX] }
    // A leg whose keys all differ: four misses, no bundle downloaded.
    const unrelated = await job(backend, borrow)
    for (let n = 10; n < 14; n++) expect(await unrelated.get(n)).toBeUndefined()
    await new Promise(resolve => setTimeout(resolve, 100))
    expect(unrelated.remote.stats).toMatchObject({ indexState: 'restored', bundlesDownloaded: 0 })
    // A leg that shares them: the first hit starts the prefetch of all four.
    const related = await job(backend, borrow)
    expect((await related.get(3))?.equals(body(3, 4000))).toBe(true)
    await downloaded(related.remote, 4)
  })

  it("an index of the same scope saved on another branch is prefetched at once, as the job's own", async () => {
    const dir = tempDir()
    const backend = new DirectoryBackend(dir)
    const main = await job(backend, { bundleBytes: 4000, ref: 'refs/heads/main' })
    for (let n = 0; n < 4; n++) await main.put(n, body(n, 4000))
    await main.remote.flush()
    // A pull request's first run: another owner, but this very scope's last run. No get yet.
    const pr = await job(backend, { ref: 'refs/pull/7/merge' })
    await downloaded(pr.remote, 4)
    expect(pr.remote.stats.prefetchHits).toBe(0)
    expect((await pr.get(2))?.equals(body(2, 4000))).toBe(true)
    expect(pr.remote.stats).toMatchObject({ prefetchHits: 1, bundlesDownloaded: 4 })
  })

  it('a re-run that changed nothing repacks and uploads nothing', async () => {
    const dir = tempDir()
    const backend = new DirectoryBackend(dir)
    const a = await job(backend, { bundleBytes: 1 << 20 })
    for (let n = 0; n < 10; n++) await a.put(n, body(n, 4000))
    await a.remote.flush()
    const b = await job(backend, { bundleBytes: 1 << 20 })
    await downloaded(b.remote, 1)
    await b.get(0)
    expect(await b.remote.flush()).toMatchObject({ bundlesUploaded: 0, bundlesRepacked: 0 })
  })
})
