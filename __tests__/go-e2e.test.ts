// End to end with the real go command: what a CI job does, twice, on fresh GOCACHEs.
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { chooseBridge } from '../src/action/bridge-command.js'
import { CLI, startDaemon, type CliProcess } from './helpers/cli.js'
import {
  compiledPackages,
  copyFixture,
  goEnv,
  progCommand,
  runGo,
  type GoResult
} from './helpers/go.js'
import { tempDir } from './helpers/tmp.js'

const daemons: CliProcess[] = []
afterAll(() => daemons.forEach(d => d.child.kill('SIGKILL')))

function ok(result: GoResult): GoResult {
  if (result.code !== 0) throw new Error(`go failed (${result.code}):\n${result.stderr}`)
  return result
}

function stats(socket: string): Record<string, number> {
  return JSON.parse(
    execFileSync(process.execPath, [CLI, 'stats', '--socket', socket], {
      timeout: 10_000
    }).toString()
  )
}

/**
 * Run 1 fills the store from a fresh GOCACHE; run 2 on another fresh GOCACHE compiles nothing.
 * With `std`, both runs also build the standard library (a minute of compiling on 2 cores).
 */
async function buildTwice(prog: string, { std = true } = {}) {
  const work = tempDir()
  const run = async (n: number) => {
    const env = goEnv(path.join(work, `gocache${n}`), prog)
    const build = ok(
      await runGo(['build', '-v', '-o', path.join(work, `sample${n}`), './cmd/sample'], env)
    )
    const test = ok(await runGo(['test', './...'], env))
    const all = std ? ok(await runGo(['build', '-v', 'std'], env)) : undefined
    return { build, test, std: all }
  }
  const first = await run(1)
  expect(compiledPackages(first.build)).toContain('example.com/sample/cmd/sample')
  expect(first.test.stdout).toMatch(/^ok\s+example.com\/sample\/internal\/primes\s+[\d.]+s$/m)

  const second = await run(2)
  expect(compiledPackages(second.build)).toEqual([])
  if (std) expect(compiledPackages(second.std!)).toEqual([])
  const okLines = second.test.stdout.split('\n').filter(l => l.startsWith('ok'))
  expect(okLines).toHaveLength(3)
  for (const line of okLines) expect(line).toMatch(/\(cached\)$/)
  const [bin1, bin2] = [1, 2].map(n => fs.readFileSync(path.join(work, `sample${n}`)))
  expect(bin1.length).toBeGreaterThan(100000)
  expect(bin1.equals(bin2)).toBe(true)
  expect(execFileSync(path.join(work, 'sample2')).toString()).toMatch(/primes below 50/)
  return { first, second }
}

describe('real go through the plugin', () => {
  it('direct mode (prog): a second run on a fresh GOCACHE compiles nothing', async () => {
    const store = tempDir()
    // The std build runs in daemon mode below: the same store code, a minute less here.
    const { second } = await buildTwice(progCommand('prog', '--dir', store), { std: false })
    expect(second.test.stderr).toBe('')
  })

  describe('daemon mode (serve + connect)', () => {
    const store = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    const prog = progCommand('connect', '--socket', socket, '--dir', store)

    it('a second run on a fresh GOCACHE compiles nothing', async () => {
      daemons.push(await startDaemon(store, socket))
      const { second } = await buildTwice(prog)
      expect(second.std!.stderr).toBe('')
      const counters = stats(socket)
      expect(counters.errors).toBe(0)
      expect(counters.hits).toBeGreaterThan(500)
      expect(counters.connections).toBeGreaterThanOrEqual(6)
    })

    it('serves four go commands at once', async () => {
      const work = tempDir()
      // A copy elsewhere compiles the module's packages anew (their directory is in the key)
      // while the standard library comes from the store: hits and puts at the same time.
      const src = copyFixture(path.join(work, 'src'))
      const env = (n: number) => goEnv(path.join(work, `gocache${n}`), prog)
      const before = stats(socket)
      const [vet, test, build, list] = await Promise.all([
        runGo(['vet', './...'], env(1), src),
        runGo(['test', './...'], env(2), src),
        runGo(['build', '-o', path.join(work, 'sample'), './cmd/sample'], env(3), src),
        runGo(['list', '-export', '-f', '{{.Export}}', './...'], env(4), src)
      ])
      for (const r of [vet, test, build, list]) ok(r)
      expect(test.stdout.split('\n').filter(l => l.startsWith('ok'))).toHaveLength(3)
      expect(execFileSync(path.join(work, 'sample')).toString()).toMatch(/primes below 50/)
      for (const file of list.stdout.trim().split('\n')) expect(fs.existsSync(file)).toBe(true)
      const after = stats(socket)
      expect(after.connections - before.connections).toBeGreaterThanOrEqual(4)
      expect(after.puts).toBeGreaterThan(before.puts)
      expect(after.errors).toBe(0)
    })
  })

  const native = chooseBridge(path.resolve('dist'), process.execPath)
  it.each([
    [
      'go-cache connect',
      (socket: string, store: string) => progCommand('connect', '--socket', socket, '--dir', store)
    ],
    [
      'the native bridge',
      (socket: string, store: string) =>
        [native.command[0], 'connect', '--socket', socket, '--dir', store, ...native.extraArgs]
          .map(w => `'${w}'`)
          .join(' ')
    ]
  ])('a build through %s survives the daemon being killed in the middle of it', async (_, prog) => {
    const store = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    const daemon = await startDaemon(store, socket)
    daemons.push(daemon)
    const work = tempDir()
    const env = goEnv(path.join(work, 'gocache'), prog(socket, store))
    // Bounded, so that a hang fails with go's goroutines and the bridge's log, not jest's timeout.
    const building = runGo(
      ['build', '-o', path.join(work, 'sample'), './cmd/sample'],
      env,
      undefined,
      150_000
    )
    let ended: GoResult | undefined
    void building.then(r => (ended = r))
    // Kill it once the build is well under way.
    const deadline = Date.now() + 100_000
    for (let seen = stats(socket); seen.puts < 40; seen = stats(socket)) {
      if (ended || Date.now() > deadline) {
        const why = ended ? `go ended (${ended.code})` : 'no 40 puts within 100 s'
        const { stderr } = await building
        throw new Error(`${why}; daemon stats ${JSON.stringify(seen)}; go's stderr:\n${stderr}`)
      }
      await new Promise(r => setTimeout(r, 50))
    }
    daemon.child.kill('SIGKILL')
    const result = ok(await building)
    expect(result.stderr).toMatch(/daemon went away/)
    expect(execFileSync(path.join(work, 'sample')).toString()).toMatch(/primes below 50/)
  })
})
