// dist/bridge/index.js: the bundle GOCACHEPROG runs in the action (`connect` alone). The
// bridge's behaviour is tested through `go-cache connect` in plugin-cli.test.ts; here, that
// the small bundle is the same bridge, loads only what it needs, and lets Go go on as soon
// as everything is answered.
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import {
  bridgeOutputPath,
  bridgeSocketAddress,
  bridgeVerifiedLogPath
} from '../src/bridge/names.js'
import { sha256Hex } from '../src/bridge/sha256.js'
import { socketAddress } from '../src/daemon/socket-path.js'
import { outputPathIn } from '../src/store/local-store.js'
import { VerifiedLogReader, verifiedLogPath } from '../src/store/verified-log.js'
import { VerifiedListReader } from '../src/bridge/verified-list.js'
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

  it("names the daemon's socket, verified list and outputs as the daemon and store do", () => {
    const store = '/some/store'
    const socket = '/run/go-cache.sock'
    expect(bridgeSocketAddress(socket)).toBe(socketAddress(socket))
    const digest = createHash('sha256').update(path.resolve(socket)).digest('hex').slice(0, 16)
    expect(bridgeSocketAddress(socket, 'win32')).toBe(`\\\\.\\pipe\\go-cache-${digest}`)
    expect(bridgeSocketAddress('\\\\.\\pipe\\x', 'win32')).toBe('\\\\.\\pipe\\x')
    for (const address of [socket, `\\\\.\\pipe\\go-cache-${digest}`]) {
      expect(bridgeVerifiedLogPath(store, address)).toBe(verifiedLogPath(store, address))
    }
    const hex = createHash('sha256').update('x').digest('hex')
    expect(bridgeOutputPath(store, hex)).toBe(outputPathIn(store, hex))
  })

  it("reads the daemon's verified list as the store's reader does", () => {
    const file = path.join(tempDir(), 'verified.log')
    const hex = (n: number) => createHash('sha256').update(String(n)).digest('hex')
    const line = (a: number, o: number, size: number) =>
      `${hex(a)} ${hex(o)} ${size} 1700000000000\n`
    fs.writeFileSync(
      file,
      line(1, 11, 5) + line(2, 12, 6) + line(2, 22, 7) + `${hex(3)} not a line\n` + line(4, 14, 8)
    )
    const ours = new VerifiedListReader(file)
    const theirs = new VerifiedLogReader(file)
    const all = () => [1, 2, 3, 4, 5].map(n => [ours.lookup(hex(n)), theirs.lookup(hex(n))])
    for (const [a, b] of all()) expect(a).toEqual(b)
    expect(ours.lookup(hex(2))).toMatchObject({ outputHex: hex(22), size: 7 })
    // Appended later, the last half of a line still being written.
    const more = line(5, 15, 9) + line(6, 16, 10)
    fs.appendFileSync(file, more.slice(0, 100))
    for (const [a, b] of all()) expect(a).toEqual(b)
    fs.appendFileSync(file, more.slice(100))
    for (const [a, b] of [...all(), [ours.lookup(hex(6)), theirs.lookup(hex(6))]]) {
      expect(a).toEqual(b)
    }
    expect(ours.lookup(hex(6))).toMatchObject({ outputHex: hex(16), size: 10 })
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
    expect(bridge.answers().map(a => a.ID)).toEqual([0, 1, 2])
  })

  it('falls back to the store directly, with one warning, when no daemon listens', async () => {
    const dir = tempDir()
    const bridge = startBridge(['connect', '--socket', path.join(dir, 'none.sock'), '--dir', dir])
    const body = Buffer.from('fallback')
    bridge.send(putLine(1, actionId(1), body))
    await bridge.waitFor(1)
    bridge.send(getLine(2, actionId(1)) + closeLine(3))
    expect(await bridge.finish()).toBe(0)
    expect(bridge.answers().find(a => a.ID === 2)).toMatchObject({ Size: body.length })
    expect(bridge.stderr.match(/warn/g)).toHaveLength(1)
    expect(bridge.stderr).toMatch(/cannot reach the go-cache daemon/)
  })

  it('refuses anything but connect with usage on stderr', async () => {
    const bridge = startBridge(['serve', '--socket', '/x'])
    expect(await bridge.exited).toBe(2)
    expect(bridge.stdout).toBe('')
    expect(bridge.stderr).toMatch(/usage: .*connect --socket PATH/)
  })
})
