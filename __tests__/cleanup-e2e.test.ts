// Clean-up through the REST API against the emulator: jobs on main and on a pull request share
// bundles through the real @actions/cache client; the simulated clock moves between them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../src/emulator/emulator.js'
import { ActionsCacheBackend } from '../src/remote/actions-backend.js'
import { RemoteCache } from '../src/remote/remote-cache.js'
import { LocalStore } from '../src/store/local-store.js'
import { goSide } from './helpers/remote-job.js'
import { tempDir } from './helpers/tmp.js'

const PREFIX = 'go-cache-index-cleanup-test-'
const MAIN = 'refs/heads/main'
const PR = 'refs/pull/1/merge'
const HOUR = 3_600_000
const body = (n: number) => Buffer.alloc(4000, n)

let emulator: Emulator
// The backend makes each job's workspace the cwd; the next test file must not start in a
// removed directory.
const startDir = process.cwd()
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => {
  process.chdir(startDir)
  return emulator.close()
})

/** One job on a fresh runner: its env, backend, store and remote tier. */
async function job(ref: string, token?: string) {
  Object.assign(process.env, emulator.env({ ref, baseRef: ref === PR ? MAIN : undefined }), {
    GITHUB_REF: ref,
    GO_CACHE_CLOCK_OFFSET_MS: String(emulator.knobs().clockOffsetMs)
  })
  const backend = await ActionsCacheBackend.create(tempDir())
  const store = await LocalStore.open(tempDir())
  const remote = new RemoteCache(store, {
    backend,
    bundleBytes: 1 << 20,
    indexPrefix: PREFIX,
    ref,
    cleanup: { apiUrl: emulator.apiUrl, repository: 'owner/repo', token }
  })
  remote.start()
  const go = goSide(store, remote)
  const put = (n: number) => go.put(n, body(n))
  const get = async (n: number) => (await go.get(n))?.equals(body(n)) === true
  /** Waits until the job's prefetch has brought what it will. */
  const settled = async (bundles: number) => {
    for (let i = 0; i < 300 && remote.stats.bundlesDownloaded < bundles; i++) {
      await new Promise(resolve => setTimeout(resolve, 10))
    }
  }
  return { remote, put, get, settled }
}

const keys = (prefix: string) => emulator.entries().filter(e => e.key.startsWith(prefix))
const writeToken = () => emulator.apiToken({ actions: 'write' })

describe('clean-up through the REST API', () => {
  it('deletes a retired bundle only once no other branch’s index can name it', async () => {
    const a = await job(MAIN)
    for (let n = 0; n < 10; n++) await a.put(n)
    await a.remote.flush()
    const [original] = keys('go-cache-bundle-').map(e => e.key)

    // A pull request starts from main's index: its own index names main's bundle (a pin).
    emulator.advanceClock(HOUR)
    const pr = await job(PR)
    await pr.settled(1)
    for (let n = 0; n < 10; n++) expect(await pr.get(n)).toBe(true)
    await pr.put(30)
    await pr.remote.flush()
    const prIndex = keys(PREFIX).find(e => e.scope === PR)!
    expect(prIndex.key).toMatch(/-\d+-[0-9a-f]{8}-p[0-9a-f]{8}\.\d+$/)

    // Main uses 6 of the 10 now: it repacks all 10 (the 4 others alone would leave the
    // original mostly dead weight) and retires it, and deletes its own older index; the
    // bundle waits out the grace period.
    emulator.advanceClock(HOUR)
    const b = await job(MAIN, writeToken())
    await b.settled(1)
    for (let n = 0; n < 6; n++) expect(await b.get(n)).toBe(true)
    await b.put(20)
    const statsB = await b.remote.flush()
    expect(statsB).toMatchObject({ bundlesRepacked: 1 })
    expect(statsB.cleanup).toMatchObject({ enabled: true, deletedBundles: 0, deletedIndexes: 1 })
    expect(keys(PREFIX).filter(e => e.scope === MAIN)).toHaveLength(1)

    // Past the grace period: without a token, the job only says what could go.
    emulator.advanceClock(7 * HOUR)
    const c = await job(MAIN)
    await c.settled(2)
    for (let n = 0; n < 6; n++) await c.get(n)
    await c.put(21)
    expect((await c.remote.flush()).cleanup).toMatchObject({
      enabled: false,
      deletableBundles: 1,
      deletableBytes: expect.any(Number)
    })

    // With a token: the pull request's index still may name it, so it stays.
    emulator.advanceClock(HOUR)
    const d = await job(MAIN, writeToken())
    await d.settled(2)
    for (let n = 0; n < 6; n++) await d.get(n)
    await d.put(22)
    expect((await d.remote.flush()).cleanup).toMatchObject({ deletedBundles: 0, waitingBundles: 1 })
    expect(keys(original)).toHaveLength(1)

    // The pull request is closed and its caches deleted: now the bundle goes.
    const res = await fetch(
      `${emulator.apiUrl}/repos/owner/repo/actions/caches?key=${prIndex.key}&ref=${PR}`,
      { method: 'DELETE', headers: { Authorization: `Bearer ${writeToken()}` } }
    )
    expect(res.status).toBe(200)
    emulator.advanceClock(HOUR)
    const e = await job(MAIN, writeToken())
    await e.settled(2)
    for (let n = 0; n < 6; n++) expect(await e.get(n)).toBe(true)
    await e.put(23)
    const statsE = await e.remote.flush()
    expect(statsE.cleanup).toMatchObject({ deletedBundles: 1, waitingBundles: 0 })
    expect(keys(original)).toHaveLength(0)
    // Nothing the newest index names was deleted: a fresh job hits everything it uses.
    const f = await job(MAIN)
    await f.settled(2)
    for (const n of [0, 1, 2, 3, 4, 5, 20, 21, 22, 23]) expect(await f.get(n)).toBe(true)
    expect(f.remote.stats.failedRequests).toBe(0)
  })

  it('a token that may not delete ends the clean-up with a note, never the save', async () => {
    emulator.advanceClock(HOUR)
    const g = await job(MAIN, emulator.apiToken({ actions: 'read' }))
    await g.put(40)
    // Old own indexes exist from the test above: deleting one is refused.
    const stats = await g.remote.flush()
    expect(stats.indexUploaded).toBe(true)
    expect(stats.cleanup.error).toMatch(/403.*actions: write/)
  })
})
