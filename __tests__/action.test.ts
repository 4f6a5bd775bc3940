// The action as a runner runs it: main, real go steps with the env the runner builds from
// GITHUB_ENV, post (always), against the cache service emulator and the real @actions/cache.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator, type Emulator } from '../src/emulator/emulator.js'
import {
  actionJob,
  BUILD,
  BUILD_ALL,
  compiled,
  TEST,
  tinyModule,
  visibleText
} from './helpers/action-job.js'
import { copyFixture } from './helpers/go.js'
import { tempDir } from './helpers/tmp.js'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

const service = (ref = 'refs/heads/main', baseRef?: string) =>
  emulator.env(baseRef ? { ref, baseRef } : ref)
const creates = () => (emulator.stats().api as Record<string, number>).CreateCacheEntry ?? 0
const indexEntries = () => emulator.entries().filter(e => e.key.startsWith('go-cache-index-'))

function expectCleanJob(
  job: Awaited<ReturnType<typeof actionJob>>,
  service = emulator,
  { daemonKilled = false } = {}
): void {
  expect(job.main.exitCode).toBe(0)
  expect(job.post.exitCode).toBe(0)
  expect(job.leftoverProcesses).toBe(0)
  expect(visibleText(job)).not.toContain(service.token('refs/heads/main'))
  // The native bridge, shipped for this machine, with the Node fallback for a lost daemon.
  const native = `/bridge-bin/${process.platform}-${process.arch}/go-cache-bridge" "connect" `
  expect(job.exported).toEqual({ GOCACHEPROG: expect.stringContaining(native) })
  expect(job.exported.GOCACHEPROG).toMatch(/ "--node" "[^"]+" "--cli" "[^"]+\/cli\/index.js"$/)
  // The bridges write to go's stderr only when something went wrong.
  const bridgeWarned = job.steps.some(step => /go-cache: (warn|error)/.test(step.stderr))
  expect(bridgeWarned).toBe(daemonKilled)
}

describe('the action in a simulated runner', () => {
  it('run 1 cold, run 2 on a fresh runner compiles nothing, run 3 after a change uploads one small bundle', async () => {
    const workspace = copyFixture(path.join(tempDir(), 'src'))
    const job = 'e2e'
    const run1 = await actionJob({ workspace, job, steps: [BUILD, TEST], service: service() })
    expectCleanJob(run1)
    expect(run1.steps.map(s => s.exitCode)).toEqual([0, 0])
    expect(run1.outputs['cache-hit']).toBe('false')
    expect(compiled(run1).length).toBeGreaterThan(5)
    expect(run1.summary).toMatch(/cold start/)
    const binary1 = fs.readFileSync(path.join(workspace, 'sample.bin'))

    const run2 = await actionJob({ workspace, job, steps: [BUILD, TEST], service: service() })
    expectCleanJob(run2)
    expect(run2.outputs['cache-hit']).toBe('true')
    expect(run2.outputs['restored-key']).toMatch(/^go-cache-index-.*-main$/)
    expect(compiled(run2)).toEqual([])
    expect(run2.steps[1].stdout).toMatch(/ok\s+example.com\/sample\/internal\/primes\s+\(cached\)/)
    expect(fs.readFileSync(path.join(workspace, 'sample.bin')).equals(binary1)).toBe(true)
    expect(Number(run2.outputs['hit-rate'])).toBeGreaterThan(0.95)
    expect(run2.summary).toMatch(/✅ Go build cache: 100% of \d+ lookups hit; nothing new to save/)
    expect(run2.summary).toMatch(/\| index restored \| from this job, this branch \|/)

    fs.appendFileSync(
      path.join(workspace, 'internal/primes/primes.go'),
      '\nfunc Changed() int { return 3 }\n'
    )
    const before = creates()
    const run3 = await actionJob({ workspace, job, steps: [BUILD, TEST], service: service() })
    expectCleanJob(run3)
    expect(compiled(run3).sort()).toEqual([
      'example.com/sample/cmd/sample',
      'example.com/sample/internal/primes'
    ])
    expect(creates() - before).toBe(2) // one bundle and the index
    expect(run3.summary).toMatch(/saved 1 new bundle \((\d+(\.\d+)? (KiB|MiB))\)/)
  })

  it('matrix legs save their own indexes; a new leg starts from a sibling', async () => {
    const workspace = copyFixture(path.join(tempDir(), 'src'))
    const legs = ['a', 'b', 'c', 'd']
    const runLeg = (leg: string) =>
      actionJob({
        workspace,
        job: 'matrix',
        matrix: { shard: leg },
        inputs: { key: `leg-${leg}` },
        steps: [BUILD],
        service: service()
      })
    // Legs run one after another here (two cores); on GitHub they run side by side.
    const run1 = []
    for (const leg of legs) run1.push(await runLeg(leg))
    run1.forEach(leg => expectCleanJob(leg))
    // The first leg has no sibling yet: it starts from another job of the platform, if any.
    expect(run1[0].summary).not.toMatch(/sibling/)
    for (const leg of run1.slice(1)) {
      expect(leg.outputs['cache-hit']).toBe('true')
      expect(leg.summary).toMatch(/from a sibling matrix leg/)
      expect(compiled(leg)).toEqual([])
    }
    const own = (leg: string) => new RegExp(`-leg_${leg}_shard_${leg}-`)
    for (const leg of legs) expect(indexEntries().some(e => own(leg).test(e.key))).toBe(true)

    for (const leg of legs) {
      const run2 = await runLeg(leg)
      expectCleanJob(run2)
      expect(run2.outputs['restored-key']).toMatch(own(leg))
      expect(run2.summary).toMatch(/from this job, this branch/)
    }
  })

  it('a pull request reads the default branch and writes only to its own ref', async () => {
    const workspace = copyFixture(path.join(tempDir(), 'src'))
    const job = 'pr'
    await actionJob({ workspace, job, steps: [BUILD], service: service() })
    fs.appendFileSync(
      path.join(workspace, 'internal/shapes/shapes.go'),
      '\nfunc PR() int { return 7 }\n'
    )
    const pr = await actionJob({
      workspace,
      job,
      ref: 'refs/pull/7/merge',
      baseRef: 'main',
      steps: [BUILD],
      service: service('refs/pull/7/merge', 'refs/heads/main')
    })
    expectCleanJob(pr)
    expect(pr.outputs['restored-key']).toMatch(/-main$/)
    expect(pr.summary).toMatch(/this job, branch `main` \(default or base branch\)/)
    const prEntries = emulator.entries().filter(e => e.scope === 'refs/pull/7/merge')
    expect(prEntries.length).toBe(2) // its bundle and its index
    expect(prEntries.some(e => /-pr7$/.test(e.key))).toBe(true)
    // The default branch does not see the PR's index.
    const main = await actionJob({ workspace, job, steps: [BUILD], service: service() })
    expect(main.outputs['restored-key']).toMatch(/-main$/)
  })

  it('cleanup-token reaches the daemon alone: it deletes the superseded index, the summary says so', async () => {
    // The runner simulation's repository, so that the REST API finds this job's caches.
    const repo = 'example/go-project'
    const env = () => ({
      ...emulator.env({ ref: 'refs/heads/main', repo }),
      GITHUB_API_URL: emulator.apiUrl
    })
    const workspace = copyFixture(path.join(tempDir(), 'src'))
    const first = await actionJob({ workspace, job: 'tidy', steps: [BUILD], service: env() })
    expect(first.summary).toMatch(/\| clean-up \| nothing to delete \|/)
    fs.appendFileSync(
      path.join(workspace, 'internal/primes/primes.go'),
      '\nfunc Tidy() int { return 1 }\n'
    )
    const token = emulator.apiToken({ repo, actions: 'write' })
    const second = await actionJob({
      workspace,
      job: 'tidy',
      inputs: { 'cleanup-token': token },
      steps: [BUILD],
      service: env()
    })
    expectCleanJob(second)
    // Masked (the runner hides it from every later log line), and shown nowhere else.
    const lines = visibleText(second).split('\n')
    expect(lines.filter(line => line.includes(token))).toEqual([`::add-mask::${token}`])
    expect(second.summary).toMatch(/\| clean-up \| deleted 0 bundles \(0 B\) and 1 old indexes;/)
    const mine = emulator
      .entries()
      .filter(e => e.repo === repo && e.key.startsWith('go-cache-index-'))
    expect(mine).toHaveLength(1)
  })

  it('read-only restores but saves nothing; bad inputs are warnings naming the input', async () => {
    const workspace = copyFixture(path.join(tempDir(), 'src'))
    await actionJob({ workspace, job: 'ro', steps: [BUILD], service: service() })
    fs.appendFileSync(
      path.join(workspace, 'internal/primes/primes.go'),
      '\nfunc RO() int { return 1 }\n'
    )
    const before = creates()
    const ro = await actionJob({
      workspace,
      job: 'ro',
      inputs: { 'read-only': 'true', 'bundle-size': 'lots', 'log-level': 'loud' },
      steps: [BUILD],
      service: service()
    })
    expectCleanJob(ro)
    expect(compiled(ro).length).toBeGreaterThan(0)
    expect(creates()).toBe(before)
    expect(ro.summary).toMatch(/read-only: nothing saved/)
    expect(ro.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Input bundle-size: "lots" is not a size .*; using the default/),
        expect.stringMatching(
          /Input log-level: "loud" is not one of debug, info, warn, error; using info/
        )
      ])
    )
  })

  it('post flushes after a failing go test, and survives a daemon that died', async () => {
    const workspace = copyFixture(path.join(tempDir(), 'src'))
    fs.writeFileSync(
      path.join(workspace, 'internal/primes/fail_test.go'),
      'package primes\n\nimport "testing"\n\nfunc TestFails(t *testing.T) { t.Fatal("red") }\n'
    )
    const failed = await actionJob({
      workspace,
      job: 'red',
      steps: [BUILD, { go: ['test', './internal/primes'] }, BUILD],
      service: service()
    })
    expect(failed.steps.map(s => s.exitCode)).toEqual([0, 1]) // the job stops at the failing step
    expectCleanJob(failed)
    expect(indexEntries().some(e => e.key.includes('job_red'))).toBe(true)
    expect(failed.summary).toMatch(/saved \d+ new bundles?/)

    const killDaemon = {
      name: 'kill the daemon',
      call: ({ state }: { state: Record<string, string> }) => {
        process.kill((JSON.parse(state['go-cache-daemon']) as { pid: number }).pid, 'SIGKILL')
      }
    }
    const dead = await actionJob({
      workspace: tinyModule(path.join(tempDir(), 'src')),
      job: 'dead',
      steps: [killDaemon, BUILD_ALL],
      service: service()
    })
    expect(dead.steps[0].exitCode).toBe(0) // the bridge fell back to the local store
    expectCleanJob(dead, emulator, { daemonKilled: true })
    expect(dead.warnings.join('\n')).toMatch(
      /the cache daemon had stopped before the end of the job/
    )
    expect(dead.summary).toMatch(/⚠️ Go build cache: no figures/)
  })

  it('a dead cache service: builds go on, one warning, nothing fails', async () => {
    const down = { ...service(), ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/' }
    const job = await actionJob({
      workspace: tinyModule(path.join(tempDir(), 'src')),
      job: 'down',
      steps: [BUILD_ALL],
      service: down
    })
    expectCleanJob(job)
    expect(job.steps[0].exitCode).toBe(0)
    expect(compiled(job)).toEqual(['example.com/tiny'])
    expect(job.warnings.join('\n')).toMatch(/cannot reach the remote cache; local cache only/)
    expect(job.summary).toMatch(/the cache service was unreachable/)
  })
})

describe('post under a slow service', () => {
  it('gives up at flush-timeout with a warning, stops the daemon and exits 0', async () => {
    // Its own service: no index anywhere, and blob uploads at 1 KiB/s.
    const slow = await startEmulator({ blobBandwidthBytesPerSec: 1024 })
    try {
      const job = await actionJob({
        workspace: tinyModule(path.join(tempDir(), 'src')),
        job: 'slow',
        inputs: { 'flush-timeout': '1', summary: 'false' },
        steps: [BUILD_ALL],
        service: slow.env('refs/heads/main')
      })
      expect(job.steps[0].exitCode).toBe(0)
      expect(job.post.exitCode).toBe(0)
      expect(job.post.ms).toBeLessThan(15_000)
      expect(job.leftoverProcesses).toBe(0)
      expect(job.warnings.join('\n')).toMatch(
        /flushing did not finish within flush-timeout \(1 s\); pending uploads were abandoned/
      )
      expect(job.summary).toBe('')
      expect(job.outputs['hit-rate']).toMatch(/^0\.\d{3}$/)
    } finally {
      await slow.close()
    }
  })
})

describe('an evicted bundle', () => {
  it('costs one job its entries, that job saves the repair, the next compiles nothing', async () => {
    // Its own service: job A starts cold, so its bundles hold everything later jobs need.
    const own = await startEmulator()
    const workspace = copyFixture(path.join(tempDir(), 'src'))
    const run = () =>
      actionJob({
        workspace,
        job: 'evict',
        inputs: { 'bundle-size': '1MiB' },
        steps: [BUILD, TEST],
        service: own.env('refs/heads/main')
      })
    const bundles = () =>
      own
        .entries()
        .filter(e => e.key.startsWith('go-cache-bundle-'))
        .map(e => e.key)
    const indexes = () => own.entries().filter(e => e.key.startsWith('go-cache-index-'))
    try {
      const a = await run()
      expectCleanJob(a, own)
      const saved = bundles()
      expect(saved.length).toBeGreaterThan(2)

      // Both ways the service loses an entry: gone from lookups, or listed with its blob gone.
      for (const [how, victim] of [
        ['entry', saved[0]],
        ['blob', saved[1]]
      ] as const) {
        expect(own.evict(victim, how)).toBe(1)
        const indexesBefore = indexes().length
        const b = await run()
        expectCleanJob(b, own)
        expect(compiled(b).length).toBeGreaterThan(0) // go rebuilt what the bundle held
        expect(b.warnings.join('\n')).toContain(victim)
        expect(indexes().length - indexesBefore).toBe(1) // flush saved; stop had nothing new

        const c = await run()
        expectCleanJob(c, own)
        expect(compiled(c)).toEqual([])
        expect(c.steps[1].stdout).toMatch(/ok\s+example.com\/sample\/internal\/primes\s+\(cached\)/)
        expect(visibleText(c)).not.toContain(victim) // the hole is not in the index any more
        expect(indexes().length - indexesBefore).toBe(1) // nothing new, nothing saved
      }
    } finally {
      await own.close()
    }
  })
})
