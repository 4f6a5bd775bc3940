// What GOCACHEPROG runs in the action: the native bridge (dist/bridge-bin, Go) where one is
// shipped for the runner, else dist/bridge/index.js (`connect` alone). The bridge's behaviour
// is tested through both in plugin-cli.test.ts; here, that the small bundle is the same
// bridge and loads only what it needs, that the native binaries are what their sources
// build, and that both read the daemon's list alike and let Go go on as soon as everything
// is answered.
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import * as net from 'node:net'
import { BRIDGE_ENV, chooseBridge } from '../src/action/bridge-command.js'
import { socketAddress } from '../src/daemon/socket-path.js'
import { outputPathIn } from '../src/store/output-path.js'
import { VerifiedLogReader, verifiedLogPath } from '../src/store/verified-log.js'
import { sha256Hex } from '../src/util/sha256.js'
import { CLI, CliProcess, startDaemon } from './helpers/cli.js'
import { actionId, closeLine, getLine, putLine } from './helpers/protocol.js'
import { tempDir } from './helpers/tmp.js'

const BRIDGE = path.resolve('dist/bridge/index.js')
const children: CliProcess[] = []
const servers: net.Server[] = []
afterAll(() => {
  children.forEach(c => c.child.kill('SIGKILL'))
  servers.forEach(s => s.close())
})

function startBridge(args: string[], nodeArgs: string[] = []): CliProcess {
  const p = new CliProcess(spawn(process.execPath, [...nodeArgs, BRIDGE, ...args]))
  children.push(p)
  return p
}

const NATIVE = chooseBridge(path.resolve('dist'), process.execPath)

function startNative(args: string[]): CliProcess {
  const p = new CliProcess(spawn(NATIVE.command[0], [...args, ...NATIVE.extraArgs]))
  children.push(p)
  return p
}

describe('the bridge bundle', () => {
  it('computes SHA-256 like node:crypto', () => {
    for (const n of [0, 1, 31, 55, 56, 57, 63, 64, 65, 119, 120, 1000]) {
      for (const text of ['a'.repeat(n), 'é€😀/'.repeat(n)]) {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'))
      }
    }
  })

  it("names the daemon's socket, verified list and outputs as node:crypto would", () => {
    const store = '/some/store'
    const socket = '/run/go-cache.sock'
    const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16)
    expect(socketAddress(socket, 'linux')).toBe(socket)
    expect(socketAddress(socket, 'win32')).toBe(
      `\\\\.\\pipe\\go-cache-${sha(path.resolve(socket))}`
    )
    expect(socketAddress('\\\\.\\pipe\\x', 'win32')).toBe('\\\\.\\pipe\\x')
    for (const address of [socket, socketAddress(socket, 'win32')]) {
      expect(verifiedLogPath(store, address)).toBe(path.join(store, `verified-${sha(address)}.log`))
    }
    const hex = createHash('sha256').update('x').digest('hex')
    expect(outputPathIn(store, hex)).toBe(path.join(store, 'o', hex.slice(0, 2), hex))
  })

  it("reads the daemon's verified list: the last line of an action wins, malformed lines none", () => {
    const file = path.join(tempDir(), 'verified.log')
    const hex = (n: number) => createHash('sha256').update(String(n)).digest('hex')
    const line = (a: number, o: number, size: number) =>
      `${hex(a)} ${hex(o)} ${size} 1700000000000\n`
    const want = (o: number, size: number) => ({ outputHex: hex(o), size, timeMs: 1700000000000 })
    fs.writeFileSync(
      file,
      line(1, 11, 5) + line(2, 12, 6) + line(2, 22, 7) + `${hex(3)} not a line\n` + line(4, 14, 8)
    )
    const reader = new VerifiedLogReader(file)
    const all = () => [1, 2, 3, 4, 5, 6].map(n => reader.lookup(hex(n)))
    const before = [want(11, 5), want(22, 7), undefined, want(14, 8), undefined, undefined]
    expect(all()).toEqual(before)
    // Appended later, the last half of a line still being written.
    const more = line(5, 15, 9) + line(6, 16, 10)
    fs.appendFileSync(file, more.slice(0, 100))
    expect(all()).toEqual(before)
    fs.appendFileSync(file, more.slice(100))
    expect(all()).toEqual([...before.slice(0, 4), want(15, 9), want(16, 10)])
  })

  it('holds neither the remote tier nor the CLI', () => {
    const text = fs
      .readdirSync(path.dirname(BRIDGE))
      .filter(f => f.endsWith('.js'))
      .map(f => fs.readFileSync(path.join(path.dirname(BRIDGE), f), 'utf8'))
      .join('\n')
    expect(text).not.toMatch(/@azure|@actions\/cache|remote-cache\.ts|cli\/serve\.ts/)
    expect(text.length).toBeLessThan(200_000)
  })

  it('serves through the daemon, answers listed gets itself, loads no crypto, and counts', async () => {
    const dir = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    children.push(await startDaemon(dir, socket))
    const body = Buffer.from('through the bundle')
    const first = startBridge(['connect', '--socket', socket, '--dir', dir])
    first.send(putLine(1, actionId(1), body))
    expect(await first.waitFor(1)).toBeDefined()
    first.send(closeLine(2))
    expect(await first.finish()).toBe(0)

    // The builtin modules the process loaded, written to stderr at exit.
    const preload = path.join(tempDir(), 'modules.cjs')
    fs.writeFileSync(
      preload,
      "process.on('exit', () => process.stderr.write('modules: ' + process.moduleLoadList.join(' ') + '\\n'))"
    )
    const bridge = startBridge(['connect', '--socket', socket, '--dir', dir], ['-r', preload])
    bridge.send(getLine(1, actionId(1)) + getLine(2, actionId(2)))
    expect(await bridge.waitFor(1)).toMatchObject({ Size: body.length })
    expect(await bridge.waitFor(2)).toEqual({ ID: 2, Miss: true })
    bridge.send(closeLine(3))
    expect(await bridge.finish()).toBe(0)
    expect(bridge.answers().map(a => a.ID)).toEqual([0, 1, 2, 3])
    const modules = /^modules: (.*)$/m.exec(bridge.stderr)![1].split(' ')
    expect(modules).not.toContain('NativeModule crypto')
    expect(modules).not.toContain('NativeModule fs/promises')
    expect(bridge.stderr.replace(/^modules: .*\n/m, '')).toBe('')

    const stats = JSON.parse(
      execFileSync(process.execPath, [CLI, 'stats', '--socket', socket]).toString()
    )
    expect(stats).toMatchObject({ gets: 2, hits: 1, misses: 1, puts: 1, errors: 0 })
  })
})

describe('choosing the bridge', () => {
  it('ships native binaries that are what the Go sources build', () => {
    expect(NATIVE.reason).toBeUndefined()
    expect(NATIVE.extraArgs).toEqual(['--node', process.execPath, '--cli', CLI])
    const manifest = JSON.parse(fs.readFileSync('dist/bridge-bin/manifest.json', 'utf8'))
    const source = execFileSync(process.execPath, [
      '--input-type=module',
      '-e',
      "import('./scripts/native-bridge.mjs').then(m => process.stdout.write(m.sourceHash()))"
    ]).toString()
    // Edited Go sources without `npm run build` fail here (package.mjs rebuilds on a change).
    expect(manifest.source).toBe(source)
    expect(Object.keys(manifest.binaries).sort()).toEqual([
      'darwin-arm64',
      'darwin-x64',
      'linux-arm64',
      'linux-x64'
    ])
  })

  it('runs the Node bridge when asked to, on Windows, and for a binary that is not the one shipped', () => {
    const dist = path.resolve('dist')
    const nodeBridge = [process.execPath, path.join(dist, 'bridge', 'index.js')]
    expect(chooseBridge(dist, process.execPath, 'linux', 'x64', { [BRIDGE_ENV]: 'node' })).toEqual({
      command: nodeBridge,
      extraArgs: [],
      native: false,
      reason: `${BRIDGE_ENV}=node`
    })
    expect(chooseBridge(dist, process.execPath, 'win32', 'x64', {})).toMatchObject({
      command: nodeBridge,
      reason: 'no native bridge for win32-x64'
    })
    // A copy of dist/ whose linux binary was altered (a bad checkout or unpacking).
    const copy = tempDir()
    fs.cpSync(path.join(dist, 'bridge-bin'), path.join(copy, 'bridge-bin'), { recursive: true })
    fs.appendFileSync(path.join(copy, 'bridge-bin', 'linux-x64', 'go-cache-bridge'), 'x')
    expect(chooseBridge(copy, process.execPath, 'linux', 'x64', {})).toMatchObject({
      native: false,
      reason: expect.stringMatching(/does not match its manifest/)
    })
    expect(chooseBridge(copy, process.execPath, 'linux', 'arm64', {})).toMatchObject({
      native: true,
      command: [path.join(copy, 'bridge-bin', 'linux-arm64', 'go-cache-bridge')]
    })
  })
})

describe.each([
  ['the bridge bundle', (args: string[]) => startBridge(args)],
  ['the native bridge', startNative]
])('%s', (_, start) => {
  it('refuses anything but connect with usage on stderr', async () => {
    const bridge = start(['serve', '--socket', '/x'])
    expect(await bridge.exited).toBe(2)
    expect(bridge.stdout).toBe('')
    expect(bridge.stderr).toMatch(/usage: .*connect --socket PATH/)
  })

  it("answers from the daemon's list what the list says: last line wins, nothing unchecked", async () => {
    // A stand-in daemon that greets and records what it is sent, and answers nothing itself.
    const dir = tempDir()
    const socket = path.join(tempDir(), 'fake.sock')
    let received = ''
    const server = net.createServer(conn => {
      conn.write('{"ID":0,"KnownCommands":["get","put","close"]}\n')
      conn.on('data', d => (received += d.toString()))
    })
    await new Promise<void>(resolve => server.listen(socket, resolve))
    servers.push(server)
    const hex = (n: number) => actionId(n).toString('hex')
    const output = (n: number, body: string) => {
      const outHex = createHash('sha256').update(`out ${n}`).digest('hex')
      fs.mkdirSync(path.dirname(outputPathIn(dir, outHex)), { recursive: true })
      fs.writeFileSync(outputPathIn(dir, outHex), body)
      return outHex
    }
    const line = (a: number, outHex: string, size: number) =>
      `${hex(a)} ${outHex} ${size} 1700000000000\n`
    const [o1, o2, o3, o5] = [
      output(1, 'one'),
      output(2, 'two!'),
      output(3, 'x'),
      output(5, 'five')
    ]
    const list = verifiedLogPath(dir, socketAddress(socket))
    fs.writeFileSync(
      list,
      line(1, o1, 3) +
        line(2, o3, 1) +
        line(2, o2, 4) + // a later line for the same action wins
        `${hex(3)} ${o3} not-a-size 1\n` + // malformed: no answer
        line(4, o1, 99) // its file's size does not match: no answer
    )
    const more = line(5, o5, 4)
    fs.appendFileSync(list, more.slice(0, 70)) // half a line, still being written

    const bridge = start(['connect', '--socket', socket, '--dir', dir])
    bridge.send([1, 2, 3, 4, 5].map(n => getLine(n, actionId(n))).join(''))
    expect(await bridge.waitFor(2, 3000)).toMatchObject({ Size: 4 })
    await new Promise(r => setTimeout(r, 200))
    expect(bridge.answers().map(a => a.ID)).toEqual([0, 1, 2])
    expect(bridge.answers()[1]).toEqual({
      ID: 1,
      OutputID: Buffer.from(o1, 'hex').toString('base64'),
      Size: 3,
      Time: '2023-11-14T22:13:20.000Z',
      DiskPath: outputPathIn(dir, o1)
    })
    expect(bridge.answers()[2].DiskPath).toBe(outputPathIn(dir, o2))
    // The rest went to the daemon, whole.
    for (const n of [3, 4, 5]) expect(received).toContain(getLine(n, actionId(n)).trim())
    // Completed later, the line counts for the next get of that action.
    fs.appendFileSync(list, more.slice(70))
    bridge.send(getLine(6, actionId(5)))
    expect(await bridge.waitFor(6, 3000)).toMatchObject({ Size: 4 })
  })

  it('closes its stdout once all is answered, before the daemon has hung up', async () => {
    const dir = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    const daemon = await startDaemon(dir, socket)
    children.push(daemon)
    const bridge = start(['connect', '--socket', socket, '--dir', dir])
    bridge.send(getLine(1, actionId(1)) + closeLine(2))
    expect(await bridge.waitFor(2)).toEqual({ ID: 2 })
    // Frozen, the daemon cannot finish the hang-up: Go must not wait for it.
    daemon.child.kill('SIGSTOP')
    const eof = new Promise(resolve => bridge.child.stdout.once('end', resolve))
    bridge.child.stdin.end()
    await eof
    expect(bridge.child.exitCode).toBeNull()
    daemon.child.kill('SIGCONT')
    expect(await bridge.exited).toBe(0)
  })

  it('answers what Go sent before closing its end, even when the daemon is slow', async () => {
    const dir = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    const daemon = await startDaemon(dir, socket)
    children.push(daemon)
    const bridge = start(['connect', '--socket', socket, '--dir', dir])
    expect(await bridge.waitFor(0)).toBeDefined()
    daemon.child.kill('SIGSTOP')
    bridge.send(getLine(1, actionId(1)) + getLine(2, actionId(2)))
    const done = bridge.finish()
    await new Promise(r => setTimeout(r, 300))
    daemon.child.kill('SIGCONT')
    expect(await done).toBe(0)
    // Every request answered; the daemon may answer two gets in either order.
    expect(
      bridge
        .answers()
        .map(a => a.ID)
        .sort()
    ).toEqual([0, 1, 2])
  })
})
