// dist/bridge/index.js: the bundle GOCACHEPROG runs in the action (`connect` alone). The
// bridge's behaviour is tested through `go-cache connect` in plugin-cli.test.ts; here, that
// the small bundle is the same bridge, loads only what it needs, and lets Go go on as soon
// as everything is answered.
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { socketAddress } from '../src/daemon/socket-path.js'
import { outputPathIn } from '../src/store/output-path.js'
import { VerifiedLogReader, verifiedLogPath } from '../src/store/verified-log.js'
import { sha256Hex } from '../src/util/sha256.js'
import { CLI, CliProcess, startDaemon } from './helpers/cli.js'
import { actionId, closeLine, getLine, putLine } from './helpers/protocol.js'
import { tempDir } from './helpers/tmp.js'

const BRIDGE = path.resolve('dist/bridge/index.js')
const children: CliProcess[] = []
afterAll(() => children.forEach(c => c.child.kill('SIGKILL')))

function startBridge(args: string[], nodeArgs: string[] = []): CliProcess {
  const p = new CliProcess(spawn(process.execPath, [...nodeArgs, BRIDGE, ...args]))
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

  it('closes its stdout once all is answered, before the daemon has hung up', async () => {
    const dir = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    const daemon = await startDaemon(dir, socket)
    children.push(daemon)
    const bridge = startBridge(['connect', '--socket', socket, '--dir', dir])
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
    const bridge = startBridge(['connect', '--socket', socket, '--dir', dir])
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

  it('refuses anything but connect with usage on stderr', async () => {
    const bridge = startBridge(['serve', '--socket', '/x'])
    expect(await bridge.exited).toBe(2)
    expect(bridge.stdout).toBe('')
    expect(bridge.stderr).toMatch(/usage: .*connect --socket PATH/)
  })
})
