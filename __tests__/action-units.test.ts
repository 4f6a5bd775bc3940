// The action's pure parts: scope levels and index keys, input checking, go version gate,
// file commands, the summary's verdict, and the environment the daemon is launched with.
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import * as fs from 'node:fs'
import * as http from 'node:http'
import * as path from 'node:path'
import { remoteOptions } from '../src/cli/remote-options.js'
import { indexPrefix } from '../src/remote/index-key.js'
import { supportsCacheProg } from '../src/action/go-env.js'
import { goCacheProg } from '../src/action/main-impl.js'
import { launchDaemon, waitForIndex } from '../src/action/daemon-process.js'
import { readInputs } from '../src/action/inputs.js'
import { cacheScope, indexOrigin, refTag } from '../src/action/scope.js'
import { summaryMarkdown, verdict } from '../src/action/summary.js'
import { newStats } from '../src/cache/stats.js'
import { newRemoteStats } from '../src/remote/remote-stats.js'
import { readFileCommands } from '../src/runner-sim/file-commands.js'
import { inputDefaults } from '../src/runner-sim/action-metadata.js'
import { startDaemon, type CliProcess } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const GO = { version: 'go1.24.3', goos: 'linux', goarch: 'amd64', gocache: '/c' }

describe('scope and index keys', () => {
  const scope = cacheScope(GO, 'test', 'race', ['go=1.24', 'os=ubuntu'], 'refs/heads/main')

  it('levels go platform, job, leg; the leg holds key and matrix values', () => {
    expect(scope.levels).toEqual(['linux-amd64-go1.24.3', 'job test', 'race go=1.24 os=ubuntu'])
    expect(cacheScope(GO, 'test', '', [], 'refs/heads/x').levels[2]).toBe('default')
  })

  it('a broader level is a prefix of every narrower one, and siblings differ', () => {
    const [a, b, c] = scope.levels
    expect(indexPrefix([a, b, c]).startsWith(indexPrefix([a, b]))).toBe(true)
    expect(indexPrefix([a, b, 'other']).startsWith(indexPrefix([a, b]))).toBe(true)
    expect(indexPrefix([a, b, 'other'])).not.toBe(indexPrefix([a, b, c]))
    // Text that becomes the same once key-safe still differs by its hash.
    expect(indexPrefix(['a-b'])).not.toBe(indexPrefix(['a_b']))
    expect(indexPrefix([a, b, c]).length).toBeLessThan(300)
  })

  it('serve restores its own scope first, then a sibling leg, then any job of the platform', async () => {
    const options = await remoteOptions({
      dir: tempDir(),
      remoteDir: tempDir(),
      actionsCache: false,
      scope: scope.levels,
      fallbackScopes: ['extra'],
      indexTag: 'feature/x',
      readOnly: false
    })
    const [a, b, c] = scope.levels
    expect(options?.indexPrefix).toBe(indexPrefix([a, b, c]))
    expect(options?.fallbackPrefixes).toEqual([
      indexPrefix([a, b]),
      indexPrefix([a]),
      indexPrefix(['extra'])
    ])
    expect(options?.indexTag).toBe('feature_x')
  })

  it('tells where a restored index came from', () => {
    const [a, b] = scope.levels
    expect(refTag('refs/pull/12/merge')).toBe('pr12')
    expect(refTag('refs/heads/feature/x')).toBe('feature_x')
    expect(indexOrigin(scope, `${indexPrefix(scope.levels)}17-0a1b2c3d-main`)).toEqual({
      kind: 'restored',
      relative: 'this job',
      branch: 'main',
      sameBranch: true
    })
    expect(indexOrigin(scope, `${indexPrefix([a, b, 'x'])}17-0a1b2c3d-pr3`)).toMatchObject({
      relative: 'a sibling matrix leg',
      sameBranch: false
    })
    expect(indexOrigin(scope, `${indexPrefix([a, 'job y', 'z'])}17-0a1b2c3d`)).toMatchObject({
      relative: 'another job',
      branch: 'unknown'
    })
    expect(indexOrigin(scope, null)).toEqual({ kind: 'none' })
  })
})

describe('inputs', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
  })
  const stdout = () => {
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    return () => {
      const text = spy.mock.calls.map(c => String(c[0])).join('')
      spy.mockRestore()
      return text
    }
  }

  it('reads sizes, seconds, booleans and the matrix', () => {
    Object.assign(process.env, {
      'INPUT_READ-ONLY': 'TRUE',
      'INPUT_BUNDLE-SIZE': '8MiB',
      'INPUT_MAX-LOCAL-SIZE': '2GiB',
      'INPUT_FLUSH-TIMEOUT': '30',
      INPUT_SUMMARY: 'false',
      'INPUT_LOG-LEVEL': 'debug',
      'INPUT_STABLE-FILE-TIMES': 'no',
      'INPUT_CACHE-MODULES': 'off',
      'INPUT_CLEANUP-TOKEN': ' ghs_abc ',
      INPUT_MATRIX: '{"os": "ubuntu", "go": 1.24}'
    })
    expect(readInputs()).toEqual({
      key: '',
      readOnly: true,
      bundleBytes: 8 * 2 ** 20,
      maxLocalBytes: 2 * 2 ** 30,
      flushTimeoutSec: 30,
      summary: false,
      logLevel: 'debug',
      stableFileTimes: false,
      matrix: ['go=1.24', 'os=ubuntu'],
      cacheModules: false,
      cleanupToken: 'ghs_abc'
    })
  })

  it('a bad value is a warning naming the input and the value used instead', () => {
    Object.assign(process.env, {
      'INPUT_READ-ONLY': 'maybe',
      'INPUT_MAX-LOCAL-SIZE': '-3',
      'INPUT_FLUSH-TIMEOUT': 'soon',
      INPUT_MATRIX: 'null'
    })
    const output = stdout()
    const inputs = readInputs()
    const text = output()
    expect(inputs).toMatchObject({
      readOnly: false,
      maxLocalBytes: 10 * 2 ** 30,
      flushTimeoutSec: 300,
      stableFileTimes: true,
      matrix: [],
      cacheModules: true
    })
    expect(text).toMatch(/::warning::Input read-only: "maybe" is not true or false; using false\./)
    expect(text).toMatch(
      /::warning::Input max-local-size: "-3" is not a size .*; using 10737418240 bytes\./
    )
    expect(text).toMatch(
      /::warning::Input flush-timeout: "soon" is not a number of seconds above 0; using 300\./
    )
  })
})

describe('small pieces', () => {
  it('GOCACHEPROG needs go1.24+', () => {
    expect(
      ['go1.24', 'go1.24.3', 'go1.26rc1', 'go2.0', 'devel go1.27-abc'].map(supportsCacheProg)
    ).toEqual([true, true, true, true, true])
    expect(['go1.23.9', 'go1.9', ''].map(supportsCacheProg)).toEqual([false, false, false])
  })

  it('quotes GOCACHEPROG words for Go (spaces in paths survive)', () => {
    expect(goCacheProg(['/opt/my node/node', '/a/cli.js'], '/t/d.sock', '/t/store')).toBe(
      '"/opt/my node/node" "/a/cli.js" "connect" "--socket" "/t/d.sock" "--dir" "/t/store"'
    )
    expect(goCacheProg(['/a b/bridge'], '/t/d.sock', '/t/s', ['--node', "/n'x/node"])).toBe(
      `"/a b/bridge" "connect" "--socket" "/t/d.sock" "--dir" "/t/s" "--node" "/n'x/node"`
    )
  })

  it('reads file commands in both forms', () => {
    const file = path.join(tempDir(), 'env')
    fs.writeFileSync(file, 'A=1\nB<<ghadelimiter_x\nline 1\nline 2\nghadelimiter_x\nC=x=y\n')
    expect(readFileCommands(file)).toEqual({ A: '1', B: 'line 1\nline 2', C: 'x=y' })
    fs.writeFileSync(file, 'B<<END\nno end\n')
    expect(() => readFileCommands(file)).toThrow(/no closing END/)
  })

  it("applies action.yml's defaults, toJSON(matrix) included", () => {
    const defaults = inputDefaults(path.resolve('action.yml'), { shard: 1 })
    expect(defaults).toMatchObject({
      'read-only': 'false',
      'flush-timeout': '300',
      summary: 'true',
      'stable-file-times': 'true'
    })
    expect(JSON.parse(defaults.matrix)).toEqual({ shard: 1 })
    expect(inputDefaults(path.resolve('action.yml'), null).matrix).toBe('null')
  })

  it('the verdict line says the outcome first', () => {
    const scope = { levels: ['p', 'j', 'l'], refTag: 'main' }
    const stats = { ...newStats(), gets: 100, hits: 97, misses: 3 }
    const remote = {
      ...newRemoteStats('actions'),
      indexState: 'restored' as const,
      indexKey: `${indexPrefix(scope.levels)}1-0a1b2c3d-main`,
      remoteHits: 90
    }
    expect(verdict({ stats: { ...stats, remote }, scope, readOnly: false })).toBe(
      '✅ Go build cache: 97% of 100 lookups hit; nothing new to save.'
    )
    const cold = {
      ...newRemoteStats('actions'),
      indexState: 'none' as const,
      bundlesUploaded: 2,
      bytesUploaded: 3 * 2 ** 20
    }
    expect(verdict({ stats: { ...stats, hits: 0, remote: cold }, scope, readOnly: false })).toBe(
      '🆕 Go build cache: cold start (no index for this scope yet); 0% of 100 lookups hit; saved 2 new bundles (3.0 MiB).'
    )
    const markdown = summaryMarkdown({ stats: { ...stats, remote }, scope, readOnly: true })
    expect(markdown).toMatch(/\| hits from this runner \| 7 \|/)
    expect(markdown).toMatch(/\| hits from the cache service \| 90 \|/)
    expect(markdown).toMatch(/\| mode \| read-only/)
    expect(markdown).toMatch(/\| daemon CPU \| bundles, each one's time added up: fetched 0.0 s/)
    const busy = { ...stats, cpuMs: 2500, remote: { ...remote, unpackMs: 1200 } }
    expect(summaryMarkdown({ stats: busy, scope, readOnly: true })).toMatch(
      /\| daemon CPU \| 2.5 s in all; .*unpacked 1.2 s \|/
    )
    const tidy = {
      ...remote,
      coldBundles: 2,
      bundlesRepacked: 1,
      bytesRepacked: 2 ** 20,
      cleanup: { ...remote.cleanup, deletableBundles: 3, deletableBytes: 5 * 2 ** 20 }
    }
    const saving = summaryMarkdown({ stats: { ...stats, remote: tidy }, scope, readOnly: false })
    expect(saving).toMatch(/\| bundles kept tidy \| 2 cold .*, 1 repacked \(1.0 MiB/)
    expect(saving).toMatch(/\| clean-up \| 3 unused bundles \(5.0 MiB\) could be deleted/)
    const cleaned = { ...remote, cleanup: { ...remote.cleanup, enabled: true, deletedBundles: 4 } }
    expect(
      summaryMarkdown({ stats: { ...stats, remote: cleaned }, scope, readOnly: false })
    ).toMatch(/\| clean-up \| deleted 4 bundles/)
    expect(verdict({ stats: undefined, scope, readOnly: false, problem: 'gone' })).toMatch(
      /no figures: gone/
    )
  })
})

describe('daemon launch', () => {
  /** A stand-in daemon: reports its allocator setting in the log, says ready, exits. */
  function fakeCli(dir: string): string {
    const cli = path.join(dir, 'fake-cli.mjs')
    fs.writeFileSync(
      cli,
      'process.stderr.write(`arena=${process.env.MALLOC_ARENA_MAX}\\nready x\\n`)\n'
    )
    return cli
  }

  it('runs the daemon with one malloc arena unless the job chose a number', async () => {
    const dir = tempDir()
    const cli = fakeCli(dir)
    const launch = { cli, args: [], readyTimeoutMs: 10000 }
    const plain = await launchDaemon({ ...launch, workDir: path.join(dir, 'a'), env: {} })
    expect(fs.readFileSync(plain.logFile, 'utf8')).toMatch(/^arena=1$/m)
    const chosen = await launchDaemon({
      ...launch,
      workDir: path.join(dir, 'b'),
      env: { MALLOC_ARENA_MAX: '4' }
    })
    expect(fs.readFileSync(chosen.logFile, 'utf8')).toMatch(/^arena=4$/m)
  })
})

describe('waiting for the index', () => {
  const daemons: CliProcess[] = []
  afterEach(() => {
    for (const daemon of daemons.splice(0)) daemon.child.kill()
  })

  it('answers once the index is settled, and says pending when it is not in time', async () => {
    const dir = tempDir()
    const quick = path.join(dir, 'quick.sock')
    daemons.push(
      await startDaemon(path.join(dir, 'a'), quick, ['--remote-dir', path.join(dir, 'r')])
    )
    const asked = Date.now()
    expect((await waitForIndex(quick, 5_000))?.indexState).toBe('none')
    // Answered when the index settled, not when the wait ran out.
    expect(Date.now() - asked).toBeLessThan(4_000)

    // A cache service that takes every request and never answers.
    const silent = http.createServer(() => {})
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as { port: number }
    try {
      const slow = path.join(dir, 'slow.sock')
      const env = {
        ...process.env,
        ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/`,
        ACTIONS_RUNTIME_TOKEN: 'token',
        ACTIONS_CACHE_SERVICE_V2: 'true'
      }
      daemons.push(await startDaemon(path.join(dir, 'b'), slow, ['--actions-cache'], env))
      const started = Date.now()
      expect((await waitForIndex(slow, 300))?.indexState).toBe('pending')
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      silent.closeAllConnections()
      silent.close()
    }
  })
})
