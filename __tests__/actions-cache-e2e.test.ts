// Jobs on fresh machines share the cache through the Actions cache service (the emulator,
// spoken to by the real @actions/cache inside the daemon), with real go.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator, type Emulator } from '../src/emulator/emulator.js'
import { compiledPackages, copyFixture } from './helpers/go.js'
import { runJob, type Steps } from './helpers/jobs.js'
import { tempDir } from './helpers/tmp.js'

const FIXTURE_STEPS: Steps = {
  build: ['build', '-v', '-o', 'sample.bin', './cmd/sample'],
  test: ['test', './...']
}
const FLAGS = ['--actions-cache', '--scope', 'linux-amd64-test', '--bundle-size', '8MiB']

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

function jobEnv(ref = 'refs/heads/main'): NodeJS.ProcessEnv {
  return { ...process.env, ...emulator.env(ref), GO_CACHE_LOG_LEVEL: 'info' }
}

function api(method: string): number {
  return (emulator.stats().api as Record<string, number>)[method] ?? 0
}

describe('Actions cache backend with real go', () => {
  it('job B compiles nothing with one request per bundle; job C uploads one small bundle', async () => {
    const moduleDir = copyFixture(path.join(tempDir(), 'src'))
    const steps = { ...FIXTURE_STEPS, std: ['build', '-v', 'std'] }
    const a = await runJob(moduleDir, steps, FLAGS, jobEnv())
    expect(compiledPackages(a.results.std).length).toBeGreaterThan(100)
    expect(a.stats.remote).toMatchObject({ indexUploaded: true, failedRequests: 0 })
    const bundlesA = a.stats.remote.bundlesUploaded as number
    expect(bundlesA).toBeGreaterThan(3)
    expect(api('CreateCacheEntry')).toBe(bundlesA + 1)
    // A cold start: one lookup finds no index (the client is not asked again where it saves
    // with zstd), and the job's figures count every request the service saw.
    expect(api('GetCacheEntryDownloadURL')).toBe(1)
    expect(a.stats.remote.requests).toBe(api('GetCacheEntryDownloadURL') + api('CreateCacheEntry'))
    const binA = fs.readFileSync(path.join(moduleDir, 'sample.bin'))

    emulator.resetStats()
    const b = await runJob(moduleDir, steps, FLAGS, jobEnv())
    expect(compiledPackages(b.results.build)).toEqual([])
    expect(compiledPackages(b.results.std)).toEqual([])
    for (const line of b.results.test.stdout.split('\n').filter(l => l.startsWith('ok'))) {
      expect(line).toMatch(/\(cached\)$/)
    }
    expect(fs.readFileSync(path.join(moduleDir, 'sample.bin')).equals(binA)).toBe(true)
    // What the service saw: one lookup for the index, one per bundle, no new entries.
    const downloaded = b.stats.remote.bundlesDownloaded as number
    expect(api('GetCacheEntryDownloadURL')).toBe(1 + downloaded)
    expect(api('CreateCacheEntry')).toBe(0)
    expect(b.stats.misses).toBe(0)
    // Each bundle's checksum was taken as it streamed in, and the daemon reports its CPU.
    expect(b.stats.remote.bundlesCheckedOnArrival).toBe(downloaded)
    expect(b.stats.cpuMs).toBeGreaterThan(0)

    emulator.resetStats()
    fs.appendFileSync(
      path.join(moduleDir, 'internal/textstat/textstat.go'),
      '\nfunc C() int { return 3 }\n'
    )
    const c = await runJob(moduleDir, steps, FLAGS, jobEnv())
    expect(compiledPackages(c.results.std)).toEqual([])
    expect(c.stats.remote).toMatchObject({ bundlesUploaded: 1, indexUploaded: true })
    expect(api('CreateCacheEntry')).toBe(2)
    expect(emulator.stats().bytesUploaded).toBeLessThan(emulator.stats().bytesDownloaded / 10)
  })

  it('builds as usual when the service is down from the start', async () => {
    const moduleDir = copyFixture(path.join(tempDir(), 'src'))
    const env = { ...jobEnv(), ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/' }
    const job = await runJob(moduleDir, FIXTURE_STEPS, FLAGS, env)
    expect(job.results.test.stdout).toMatch(/^ok\s+example.com\/sample\/internal\/primes/m)
    expect(job.stats.remote).toMatchObject({ indexKey: null, bundlesUploaded: 0 })
    expect(job.daemonLog).toMatch(/warn: cannot reach the remote cache/)
  })
})
