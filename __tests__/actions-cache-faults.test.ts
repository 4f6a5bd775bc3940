// Fault proofs with real go, the real @actions/cache client inside the daemon and the emulator:
// download faults and a damaged blob, a signed URL that expires while its bundle is being
// downloaded, and a 429 storm on uploads.
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { startEmulator, type Emulator, type EmulatorOptions } from '../src/emulator/emulator.js'
import { CLI } from './helpers/cli.js'
import { compiledPackages, copyFixture } from './helpers/go.js'
import { runJob, type JobResult, type Steps } from './helpers/jobs.js'
import { tempDir } from './helpers/tmp.js'

// The module's own packages and a test binary: about 100 packages to compile cold, without
// net/http, so each job A stays short.
const STEPS: Steps = {
  build: ['build', '-v', './internal/...'],
  testbin: ['test', '-c', '-o', 'textstat.test', './internal/textstat'],
  test: ['test', './internal/...']
}

type RemoteStats = JobResult['stats']['remote']

interface Answer {
  at: number
  method: string
  status: number
}

const emulators: Emulator[] = []
afterAll(() => Promise.all(emulators.map(e => e.close())))

/** Starts an emulator that records each twirp answer with the time it was sent. */
async function start(
  options: EmulatorOptions = {}
): Promise<{ emulator: Emulator; answers: Answer[] }> {
  const answers: Answer[] = []
  const emulator = await startEmulator({
    ...options,
    log: line => {
      const m = /^(\w+) (\d{3})\b/.exec(line)
      if (m) answers.push({ at: Date.now(), method: m[1], status: Number(m[2]) })
    }
  })
  emulators.push(emulator)
  return { emulator, answers }
}

function jobEnv(emulator: Emulator): NodeJS.ProcessEnv {
  return { ...process.env, ...emulator.env('refs/heads/main'), GO_CACHE_LOG_LEVEL: 'info' }
}

async function daemonRemote(socket: string): Promise<RemoteStats> {
  // Not execFileSync: the emulator runs in this process and must keep answering.
  const run = promisify(execFile)
  const { stdout } = await run(process.execPath, [CLI, 'stats', '--socket', socket])
  return (JSON.parse(stdout) as { remote: RemoteStats }).remote
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** Polls the daemon's remote stats until ready() holds or timeoutMs passes. */
async function waitForRemote(
  socket: string,
  ready: (remote: RemoteStats) => boolean,
  timeoutMs = 30_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!ready(await daemonRemote(socket)) && Date.now() < deadline) await sleep(20)
}

/**
 * Waits until the daemon has made no request and the emulator served no GET for quietMs: the
 * daemon's retries of failed downloads are over. quietMs must outlast the client's own 5 s
 * wait before it retries a 503.
 */
async function waitForQuiet(socket: string, emulator: Emulator, quietMs: number): Promise<void> {
  const deadline = Date.now() + 60_000
  let last = ''
  let since = Date.now()
  while (Date.now() < deadline) {
    const now = JSON.stringify([(await daemonRemote(socket)).requests, emulator.stats().blob.get])
    if (now !== last) [last, since] = [now, Date.now()]
    else if (Date.now() - since >= quietMs) return
    await sleep(100)
  }
}

/** Flips a byte in the middle of the largest stored blob. */
function damageOneBlob(emulator: Emulator): void {
  const files = (fs.readdirSync(emulator.dataDir, { recursive: true }) as string[])
    .map(name => path.join(emulator.dataDir, name))
    .filter(file => fs.statSync(file).isFile())
    .sort((x, y) => fs.statSync(y).size - fs.statSync(x).size)
  const data = fs.readFileSync(files[0])
  data[Math.floor(data.length / 2)] ^= 0xff
  fs.writeFileSync(files[0], data)
}

const okLines = (job: JobResult) =>
  job.results.test.stdout.split('\n').filter(line => line.startsWith('ok'))

// Moved from actions-cache-e2e.test.ts: since the daemon retries a failed download once, a
// one-off fault heals and only the damaged blob ends as misses.
describe('download faults and a damaged blob', () => {
  it('keeps builds green and correct; one-off faults heal, the damaged bundle is dropped', async () => {
    const { emulator } = await start()
    const env = jobEnv(emulator)
    const moduleDir = copyFixture(path.join(tempDir(), 'src'))
    const testBin = path.join(moduleDir, 'textstat.test')
    const flags = ['--actions-cache', '--scope', 'faults', '--bundle-size', '1MiB']
    const a = await runJob(moduleDir, STEPS, flags, env)
    const binA = fs.readFileSync(testBin)
    fs.rmSync(testBin)
    const bundles = a.stats.remote.bundlesUploaded as number
    expect(bundles).toBeGreaterThan(5)

    // One stored bundle damaged before job B starts: job B prefetches as soon as its index
    // is in, so a blob damaged after that may already be downloaded.
    damageOneBlob(emulator)
    // Once job B has its index: resets, 503s, an expired URL and a truncated body on the
    // bundle downloads.
    const injectFaults = async (socket: string) => {
      await waitForRemote(socket, remote => remote.indexKey !== null)
      emulator.injectFault({ kind: 'download-reset', count: 2 })
      emulator.injectFault({ kind: 'blob-get', status: 503, count: 2 })
      emulator.injectFault({ kind: 'expired-url', count: 1 })
      emulator.injectFault({ kind: 'download-truncate', count: 1 })
    }
    const settle = (socket: string) => waitForQuiet(socket, emulator, 6000)
    const b = await runJob(moduleDir, STEPS, flags, env, injectFaults, settle)

    expect(fs.readFileSync(testBin).equals(binA)).toBe(true)
    expect(okLines(b)).toHaveLength(3)
    expect(emulator.pendingFaults()).toEqual([])
    expect(b.stats.hits).toBeGreaterThan(0)
    // The damaged bundle failed twice: a warning, and its entries were misses Go rebuilt.
    // Every other bundle came, at the first try or the second.
    expect(b.stats.misses).toBeGreaterThan(0)
    expect(b.daemonLog).toMatch(/download failed, trying once more/)
    expect(b.daemonLog.match(/warn: bundle .* its entries are misses/g)).toHaveLength(1)
    expect(b.stats.remote.bundlesDownloaded).toBe(bundles - 1)
  })
})

describe('a signed URL that expires mid-download', () => {
  it('is retried once with a fresh URL; the build stays green and byte-identical', async () => {
    const { emulator } = await start()
    const env = jobEnv(emulator)
    const moduleDir = copyFixture(path.join(tempDir(), 'src'))
    const testBin = path.join(moduleDir, 'textstat.test')
    const flags = ['--actions-cache', '--scope', 'expire', '--bundle-size', '1MiB']
    const a = await runJob(moduleDir, STEPS, flags, env)
    const binA = fs.readFileSync(testBin)
    fs.rmSync(testBin)
    const bundles = a.stats.remote.bundlesUploaded as number
    expect(bundles).toBeGreaterThan(5)

    emulator.resetStats()
    // Once job B has its index, two bundle downloads lose their URL on the way: one before
    // its first byte, one halfway through the body. (The client, given the first, retries
    // that same URL after 5 s and meets 403; the daemon's direct download never reuses one.)
    const injectFaults = async (socket: string) => {
      await waitForRemote(socket, remote => remote.indexKey !== null)
      emulator.injectFault({ kind: 'download-expire', afterBytes: 0 })
      emulator.injectFault({ kind: 'download-expire' })
    }
    // The daemon retries each failed bundle once, in the background: let that finish before
    // the daemon stops, so the counts below are final.
    const settle = (socket: string) =>
      waitForRemote(socket, remote => remote.bundlesDownloaded === bundles)
    const b = await runJob(moduleDir, STEPS, flags, env, injectFaults, settle)

    // Green and correct: the same test binary to the byte, and the tests pass.
    expect(fs.readFileSync(testBin).equals(binA)).toBe(true)
    expect(okLines(b)).toHaveLength(3)

    const s = emulator.stats()
    // Both URLs expired on the way and none was asked again: every GET, the daemon's two
    // retries included, used a fresh URL.
    expect(s.injected.downloadExpiries).toBe(2)
    expect(s.sasRefused).toBe(0)
    expect(s.statusByOperation.get).toEqual({ 200: 1 + bundles + 1 })
    // One URL for the index, one per bundle, and a fresh one for each of the two retries.
    expect(s.api.GetCacheEntryDownloadURL).toBe(1 + bundles + 2)
    expect(b.stats.remote).toMatchObject({
      bundlesInIndex: bundles,
      bundlesDownloaded: bundles,
      failedRequests: 2,
      corruptBundles: 0
    })
    // Requests: the index, each bundle, the two retries, and what B itself saved (the gets
    // that were waiting on a failed download were misses: Go compiled those again).
    const savedB =
      (b.stats.remote.bundlesUploaded as number) + (b.stats.remote.indexUploaded ? 1 : 0)
    expect(b.stats.remote.requests).toBe(1 + bundles + 2 + savedB)
    expect(b.daemonLog.match(/download failed, trying once more/g)).toHaveLength(2)
    expect(b.daemonLog).not.toMatch(/its entries are misses/)
  })
})

describe('a 429 storm during uploads', () => {
  // Two new entries per second, and a service that says "Retry-After: 1".
  const LIMIT = { rateLimitPerMinute: 2, rateLimitWindowMs: 1000, retryAfterSeconds: 1 }
  const MAX_ATTEMPTS = 6 // src/remote/uploader.ts
  /** Most CreateCacheEntry calls the daemon made within Retry-After of one 429. */
  let worstBurst: number | undefined

  it('stays green and bounded; the next job gets every bundle that was saved', async () => {
    const { emulator, answers } = await start(LIMIT)
    const env = jobEnv(emulator)
    const moduleDir = copyFixture(path.join(tempDir(), 'src'))
    const flags = ['--actions-cache', '--scope', 'storm', '--bundle-size', '256KiB']
    const testBin = path.join(moduleDir, 'textstat.test')
    const a = await runJob(moduleDir, STEPS, flags, env)
    const binA = fs.readFileSync(testBin)

    const sA = emulator.stats()
    const remoteA = a.stats.remote
    const saved = remoteA.bundlesUploaded as number
    const gaveUp = a.daemonLog.match(/could not upload a bundle of \d+ entries: .*/g) ?? []
    // It was a storm: dozens of bundles against two creations a second.
    expect(saved + gaveUp.length).toBeGreaterThan(30)
    expect(sA.rateLimited).toBeGreaterThan(5)
    // The daemon saw every 429 as a rate limit (not as a failure), and each call to
    // CreateCacheEntry either created an entry or was refused by the limit.
    expect(remoteA.rateLimited).toBe(sA.rateLimited)
    expect(remoteA.failedRequests).toBe(0)
    expect(sA.api.CreateCacheEntry).toBe(sA.entriesCreated + sA.rateLimited)
    expect(sA.statusByOperation.CreateCacheEntry).toEqual({
      200: sA.entriesCreated,
      429: sA.rateLimited
    })
    // Bounded: at most MAX_ATTEMPTS calls per bundle and for the index, never a loop.
    expect(sA.api.CreateCacheEntry).toBeLessThanOrEqual(MAX_ATTEMPTS * (saved + gaveUp.length + 1))
    // The index went up last, when the bundle uploads were over, and lists exactly the saved
    // bundles; a bundle given up is said so, and is simply absent.
    expect(remoteA.indexUploaded).toBe(true)
    expect(sA.entriesCreated).toBe(saved + 1)
    for (const line of gaveUp) expect(line).toMatch(/still rate-limited after 6 attempts/)
    if (gaveUp.length > 0) expect(a.daemonLog).toMatch(/warn: could not upload a bundle/)

    const creates = answers.filter(x => x.method === 'CreateCacheEntry')
    const refusals = creates.filter(x => x.status === 429)
    expect(refusals).toHaveLength(sA.rateLimited)
    worstBurst = Math.max(
      ...refusals.map(
        refused =>
          creates.filter(
            x => x.at > refused.at && x.at < refused.at + LIMIT.retryAfterSeconds * 1000 - 100
          ).length
      )
    )

    emulator.resetStats()
    fs.rmSync(testBin)
    const b = await runJob(moduleDir, STEPS, flags, env)
    // Nothing wrong was served: the same test binary to the byte, and the tests pass.
    expect(fs.readFileSync(testBin).equals(binA)).toBe(true)
    expect(b.stats.remote).toMatchObject({
      bundlesInIndex: saved,
      bundlesDownloaded: saved,
      failedRequests: 0
    })
    expect(okLines(b)).toHaveLength(3)
    // With Retry-After honoured by every upload, nothing was given up: job B compiles
    // nothing, its tests are cached, it creates nothing (go test's few lookups of entries
    // that are never written stay misses, as in every warm run).
    expect(gaveUp).toEqual([])
    expect(compiledPackages(b.results.build)).toEqual([])
    for (const line of okLines(b)) expect(line).toMatch(/\(cached\)$/)
    expect(emulator.stats().api.CreateCacheEntry).toBe(0)
  })

  // Uploads waiting for a slot when a 429 arrives wait out its Retry-After too.
  it('makes no new CreateCacheEntry call within Retry-After of a 429', () => {
    // Only the upload in the other slot may already be on its way.
    expect(worstBurst).toBeLessThanOrEqual(1)
  })
})
