// The daemon's module proxy with real go, no network: upstream is a file:// proxy built here,
// the remote tier a directory. Go reaches us first and the job's chain after `|`.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { CLI, startDaemon } from './helpers/cli.js'
import { runGo } from './helpers/go.js'
import { DEPENDENCIES, writeApp, writeProxyDir } from './helpers/module-proxy-dir.js'
import { tempDir } from './helpers/tmp.js'
import { chooseBridge } from '../src/action/bridge-command.js'
import { sleep } from '../src/util/sleep.js'

const SECRET = 'test-secret-0123456789abcdef'
/** The native bridge binary, which also unpacks module trees. */
const HELPER = chooseBridge(path.resolve('dist'), process.execPath).command[0]
let upstream: string
let app: string
/** One build cache for every go command here: only module downloads are under test. */
let gocache: string

/** What a job's go commands see: GOPROXY is ours, then the job's own chain. */
function goEnv(proxy: string, chain = upstream): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOPROXY: `${proxy}|${chain}`,
    GOMODCACHE: tempDir('go-cache-modcache-'),
    GOCACHE: gocache,
    GOSUMDB: 'off',
    GOFLAGS: '-modcacherw',
    GOTOOLCHAIN: 'local',
    GOCACHEPROG: ''
  }
}

async function moduleDaemon(remoteDir: string, moduleUpstream = upstream, extra: string[] = []) {
  const dir = tempDir('go-cache-moddaemon-')
  const socket = path.join(dir, 'd.sock')
  const daemon = await startDaemon(
    path.join(dir, 'store'),
    socket,
    [
      '--modules-dir',
      path.join(dir, 'modules'),
      '--module-upstream',
      moduleUpstream,
      '--remote-dir',
      remoteDir,
      ...extra
    ],
    { ...process.env, GO_CACHE_MODULE_SECRET: SECRET, GO_CACHE_LOG_LEVEL: 'info' }
  )
  const call = (command: string) =>
    JSON.parse(
      execFileSync(process.execPath, [CLI, command, '--socket', socket], { encoding: 'utf8' })
    )
  const port = call('stats').modules.port as number
  return { daemon, call, base: `http://127.0.0.1:${port}/${SECRET}`, port }
}

beforeAll(async () => {
  upstream = pathToFileURL(writeProxyDir(tempDir('go-cache-upstream-'), DEPENDENCIES)).href
  gocache = tempDir('go-cache-gocache-')
  app = writeApp(tempDir('go-cache-app-'))
  const tidy = await runGo(['mod', 'tidy'], { ...goEnv('off'), GOPROXY: upstream }, app)
  expect(tidy.stderr).not.toMatch(/error/)
  expect(fs.readFileSync(path.join(app, 'go.sum'), 'utf8')).toMatch(/example.com\/greet v1.0.0 h1:/)
})

describe('the module proxy', () => {
  it('fetches each file upstream once, then serves it from this runner', async () => {
    const d = await moduleDaemon(tempDir())
    try {
      const first = await runGo(['mod', 'download', '-x'], goEnv(d.base), app)
      expect(first.code).toBe(0)
      const after1 = d.call('stats').modules
      expect(after1.fromUpstream).toBeGreaterThanOrEqual(4) // two .mod, two .zip
      expect(after1).toMatchObject({ fromRunner: 0, failed: 0, refused: 0 })
      // Go asked us and we answered (it escapes the `!` of escaped paths as %21).
      expect(first.stderr).toContain(
        `# get ${d.base}/example.com/%21upper/shout/@v/v1.2.0.zip: 200 OK`
      )

      const second = await runGo(['mod', 'download'], goEnv(d.base), app)
      expect(second.code).toBe(0)
      const after2 = d.call('stats').modules
      expect(after2.fromUpstream).toBe(after1.fromUpstream)
      expect(after2.fromRunner).toBe(after1.fromUpstream)
    } finally {
      d.daemon.child.kill()
    }
  })

  it('answers only requests with the secret and well-formed module paths', async () => {
    const d = await moduleDaemon(tempDir())
    try {
      const get = async (url: string) => {
        const res = await fetch(url)
        return { status: res.status, text: await res.text() }
      }
      const root = `http://127.0.0.1:${d.port}`
      const good = '/example.com/greet/@v/v1.0.0.mod'
      expect(await get(`${d.base}${good}`)).toEqual({
        status: 200,
        text: expect.stringContaining('module example.com/greet')
      })
      // No secret, a wrong one, one of another length: a bare 404, nothing fetched.
      for (const url of [
        `${root}${good}`,
        `${root}/wrong-secret-0123456789abcde${good}`,
        `${root}/x${good}`
      ]) {
        expect(await get(url)).toEqual({ status: 404, text: '' })
      }
      for (const bad of [
        '/example.com/../etc/@v/v1.0.0.mod',
        '/example.com/%2e%2e/x/@v/v1.0.0.mod',
        '/%2Fetc/passwd/@v/v1.0.0.mod',
        '/example.com//greet/@v/v1.0.0.mod',
        '/example.com/Greet/@v/v1.0.0.mod', // upper case must arrive escaped
        '/example.com/greet/@v/v1.0.0.exe',
        '/example.com/greet/@v/v1.0.0.mod%00',
        '/nodot/greet/@v/v1.0.0.mod',
        '/example.com/greet/@v/',
        '/example.com/greet'
      ]) {
        expect({ bad, status: (await get(`${d.base}${bad}`)).status }).toEqual({ bad, status: 400 })
      }
      // What changes over time, and checksum databases: left to the job's own chain.
      for (const passed of [
        '/example.com/greet/@v/list',
        '/example.com/greet/@latest',
        '/example.com/greet/@v/master.info',
        '/sumdb/sum.golang.org/supported'
      ]) {
        expect({ passed, status: (await get(`${d.base}${passed}`)).status }).toEqual({
          passed,
          status: 404
        })
      }
      // Not upstream: 404, so Go tries its own chain, which says the same.
      expect((await get(`${d.base}/example.com/greet/@v/v9.9.9.zip`)).status).toBe(404)
      const stats = d.call('stats').modules
      expect(stats).toMatchObject({ refused: 13, passedOn: 4, notFound: 1, fromUpstream: 1 })
      const store = path.dirname(
        d.daemon.child.spawnargs[d.daemon.child.spawnargs.indexOf('--modules-dir') + 1]
      )
      expect(fs.readdirSync(store).sort()).toEqual(['d.sock', 'modules', 'store'])
    } finally {
      d.daemon.child.kill()
    }
  })

  it('shares one upstream fetch between concurrent requests for the same file', async () => {
    const d = await moduleDaemon(tempDir())
    try {
      const url = `${d.base}/example.com/!upper/shout/@v/v1.2.0.zip`
      const bodies = await Promise.all([1, 2, 3].map(() => fetch(url).then(r => r.arrayBuffer())))
      const want = fs.readFileSync(
        new URL('example.com/!upper/shout/@v/v1.2.0.zip', upstream + '/')
      )
      for (const body of bodies) expect(Buffer.from(body).equals(want)).toBe(true)
      expect(d.call('stats').modules).toMatchObject({ files: 3, fromUpstream: 1 })
    } finally {
      d.daemon.child.kill()
    }
  })

  it('gives a fresh runner every module from module bundles, with upstream gone', async () => {
    const remote = tempDir('go-cache-remote-')
    const a = await moduleDaemon(remote)
    expect((await runGo(['mod', 'download'], goEnv(a.base), app)).code).toBe(0)
    const saved = a.call('stop').modules.remote
    await a.daemon.exited
    expect(saved).toMatchObject({ bundlesUploaded: 1, indexUploaded: true })
    const names = fs.readdirSync(remote)
    expect(names.filter(f => f.startsWith('go-cache-modindex-'))).toHaveLength(1)
    expect(names.filter(f => f.startsWith('go-cache-index-'))).toHaveLength(0)

    const gone = pathToFileURL(path.join(tempDir(), 'gone')).href
    const b = await moduleDaemon(remote, gone)
    try {
      const bin = path.join(tempDir(), 'app')
      const build = await runGo(['build', '-o', bin, '.'], goEnv(b.base, 'off'), app)
      expect(build.code).toBe(0)
      expect(execFileSync(bin, { encoding: 'utf8' })).toBe('HELLO\n')
      const stats = b.call('stats').modules
      expect(stats.fromService).toBeGreaterThanOrEqual(4)
      expect(stats).toMatchObject({ fromUpstream: 0, failed: 0 })
      expect(stats.remote).toMatchObject({ bundlesDownloaded: 1, corruptBundles: 0 })
    } finally {
      b.daemon.child.kill()
    }

    // A damaged module bundle is rejected whole; upstream serves instead.
    for (const name of fs.readdirSync(remote).filter(f => f.startsWith('go-cache-bundle-'))) {
      const file = path.join(remote, name)
      const data = fs.readFileSync(file)
      data[100] ^= 0xff
      fs.writeFileSync(file, data)
    }
    const c = await moduleDaemon(remote)
    try {
      expect((await runGo(['mod', 'download'], goEnv(c.base, 'off'), app)).code).toBe(0)
      const stats = c.call('stats').modules
      expect(stats).toMatchObject({ fromService: 0, failed: 0 })
      expect(stats.fromUpstream).toBeGreaterThanOrEqual(4)
      expect(stats.remote.corruptBundles).toBe(1)
    } finally {
      c.daemon.child.kill()
    }
  })

  it('fetches upstream when the cache service is down', async () => {
    const d = await moduleDaemon('/dev/null/no-such-remote')
    try {
      expect((await runGo(['mod', 'download'], goEnv(d.base, 'off'), app)).code).toBe(0)
      const stats = d.call('stats').modules
      expect(stats.fromUpstream).toBeGreaterThanOrEqual(4)
      expect(stats.remote.indexState).toBe('unreachable')
    } finally {
      d.daemon.child.kill()
    }
  })

  it("leaves Go's own error when upstream is down and a module is in no bundle", async () => {
    const gone = pathToFileURL(path.join(tempDir(), 'gone')).href
    const d = await moduleDaemon(tempDir('go-cache-remote-'), gone)
    try {
      const result = await runGo(['mod', 'download'], goEnv(d.base, gone), app)
      expect(result.code).not.toBe(0)
      expect(result.stderr).toMatch(
        /example.com\/(greet@v1.0.0|Upper\/shout@v1.2.0): .*no such file/
      )
      expect(d.call('stats').modules).toMatchObject({ fromUpstream: 0, failed: 0 })
      expect(d.call('stats').modules.notFound).toBeGreaterThan(0)
    } finally {
      d.daemon.child.kill()
    }
  })

  it("writes go.sum's versions from module bundles into GOMODCACHE, verified, before go asks", async () => {
    const remote = tempDir('go-cache-remote-')
    const a = await moduleDaemon(remote)
    expect((await runGo(['mod', 'download'], goEnv(a.base), app)).code).toBe(0)
    a.call('stop')
    await a.daemon.exited

    // A second go.sum whose line for greet's zip is wrong: that version must be left to Go.
    const badSum = path.join(tempDir(), 'go.sum')
    fs.writeFileSync(
      badSum,
      fs
        .readFileSync(path.join(app, 'go.sum'), 'utf8')
        .replace(
          /^(example.com\/greet v1.0.0) h1:\S+$/m,
          '$1 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
        )
    )
    const gone = pathToFileURL(path.join(tempDir(), 'gone')).href
    const unpackInto = async (gomodcache: string, goSum: string) => {
      const d = await moduleDaemon(remote, gone, [
        ...['--unpack-modules-with', HELPER, '--gomodcache', gomodcache],
        ...['--go-sum', goSum, '--go-sum', path.join(gomodcache, 'no-such', 'go.sum')]
      ])
      try {
        for (let i = 0; i < 300 && !d.call('stats').modules.unpacked; i++) await sleep(50)
        return d.call('stats').modules
      } finally {
        d.daemon.child.kill()
        await d.daemon.exited
      }
    }
    const offline = (gomodcache: string) => ({
      ...goEnv('off', 'off'),
      GOMODCACHE: gomodcache,
      GOPROXY: 'off',
      GOFLAGS: '-mod=readonly'
    })

    // On another file system than the module store where there is one (tmpfs): the zips
    // cannot be hard-linked there and are copied.
    const good = fs.existsSync('/dev/shm')
      ? fs.mkdtempSync('/dev/shm/go-cache-modcache-')
      : tempDir('go-cache-modcache-')
    try {
      const stats = await unpackInto(good, path.join(app, 'go.sum'))
      expect(stats.unpacked).toMatchObject({ unpacked: 2, failed: 0, busy: 0, metadata: 4 })
      expect(stats.files).toBe(0) // nothing asked the proxy
      // Yet the job used them: the next module index must keep them (2 zips, 2 .mod, 2 .info).
      expect(stats.remote.prefetchHits).toBe(6)
      // Complete as Go's own download leaves it: Go needs no proxy at all, and says so.
      const verify = await runGo(['mod', 'verify'], offline(good), app)
      expect(verify).toMatchObject({ code: 0, stdout: 'all modules verified\n' })
      const bin = path.join(tempDir(), 'app')
      expect((await runGo(['build', '-o', bin, '.'], offline(good), app)).code).toBe(0)
      expect(execFileSync(bin, { encoding: 'utf8' })).toBe('HELLO\n')
      const tree = path.join(good, 'example.com', '!upper', 'shout@v1.2.0')
      expect(fs.statSync(tree).mode & 0o222).toBe(0) // read-only, as go leaves it
      expect(fs.readdirSync(path.join(good, 'cache/download/example.com/greet/@v')).sort()).toEqual(
        ['v1.0.0.info', 'v1.0.0.lock', 'v1.0.0.mod', 'v1.0.0.zip', 'v1.0.0.ziphash']
      )
    } finally {
      execFileSync('chmod', ['-R', 'u+w', good])
      fs.rmSync(good, { recursive: true, force: true })
    }

    // A go command holds greet's lock (Go's lockedfile is flock): the helper leaves it alone.
    const held = tempDir('go-cache-modcache-')
    const lock = path.join(held, 'cache/download/example.com/greet/@v/v1.0.0.lock')
    fs.mkdirSync(path.dirname(lock), { recursive: true })
    const holder = spawn('flock', [lock, 'sleep', '60'], { stdio: 'ignore' })
    try {
      while (spawnSync('flock', ['-n', lock, 'true']).status === 0) await sleep(20)
      const stats = await unpackInto(held, path.join(app, 'go.sum'))
      expect(stats.unpacked).toMatchObject({ unpacked: 1, busy: 1, failed: 0 })
      expect(fs.existsSync(path.join(held, 'example.com', 'greet@v1.0.0'))).toBe(false)
    } finally {
      holder.kill()
      execFileSync('chmod', ['-R', 'u+w', held])
    }

    const bad = tempDir('go-cache-modcache-')
    try {
      const stats = await unpackInto(bad, badSum)
      expect(stats.unpacked).toMatchObject({ unpacked: 1, failed: 1 })
      // Nothing of greet counts as downloaded: no tree, no .ziphash, no .partial.
      expect(fs.existsSync(path.join(bad, 'example.com', 'greet@v1.0.0'))).toBe(false)
      expect(fs.readdirSync(path.join(bad, 'cache/download/example.com/greet/@v')).sort()).toEqual([
        'v1.0.0.info',
        'v1.0.0.lock',
        'v1.0.0.mod'
      ])
    } finally {
      execFileSync('chmod', ['-R', 'u+w', bad])
    }
  })

  it('builds while the daemon is dead: Go goes on to the job chain', async () => {
    const d = await moduleDaemon(tempDir())
    d.daemon.child.kill('SIGKILL')
    await d.daemon.exited
    const result = await runGo(['mod', 'download'], goEnv(d.base), app)
    expect(result.code).toBe(0)
  })
})
