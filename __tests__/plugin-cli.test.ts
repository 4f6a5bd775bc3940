import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { chooseBridge } from '../src/action/bridge-command.js'
import { CLI, CliProcess, startCli, startDaemon } from './helpers/cli.js'
import { actionId, closeLine, getLine, putLine, sha256 } from './helpers/protocol.js'
import { tempDir } from './helpers/tmp.js'

const children: CliProcess[] = []
afterAll(() => children.forEach(c => c.child.kill('SIGKILL')))

function track(p: CliProcess): CliProcess {
  children.push(p)
  return p
}

// The bridge exists twice, with one behaviour: `go-cache connect` (TypeScript, also the
// bundle dist/bridge) and the native bridge GOCACHEPROG runs where dist/bridge-bin has one.
const NATIVE = chooseBridge(path.resolve('dist'), process.execPath)
const BRIDGES: [string, (socket: string, dir: string) => CliProcess][] = [
  ['go-cache connect', (socket, dir) => startCli(['connect', '--socket', socket, '--dir', dir])],
  [
    'the native bridge',
    (socket, dir) =>
      new CliProcess(
        spawn(NATIVE.command[0], ['connect', '--socket', socket, '--dir', dir, ...NATIVE.extraArgs])
      )
  ]
]

describe('go-cache prog', () => {
  it('runs on the Node version the action ships for', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24)
  })

  it('announces its commands before reading anything, and writes only protocol lines', async () => {
    const prog = track(startCli(['prog', '--dir', tempDir()]))
    expect(await prog.waitFor(0)).toEqual({ ID: 0, KnownCommands: ['get', 'put', 'close'] })
    const body = Buffer.from('payload')
    prog.send(putLine(1, actionId(1), body))
    await prog.waitFor(1)
    prog.send(getLine(2, actionId(1)) + closeLine(3))
    expect(await prog.waitFor(3)).toEqual({ ID: 3 })
    expect(await prog.finish()).toBe(0)
    for (const line of prog.stdout.trimEnd().split('\n'))
      expect(() => JSON.parse(line)).not.toThrow()
    expect(prog.answers().find(a => a.ID === 2)).toMatchObject({
      OutputID: sha256(body).toString('base64'),
      Size: body.length
    })
    expect(prog.stderr).toBe('')
  })

  it('exits non-zero with a message on stderr for input that is not the protocol', async () => {
    const prog = track(startCli(['prog', '--dir', tempDir()]))
    prog.send('this is not json\n')
    expect(await prog.finish()).toBe(1)
    expect(prog.stderr).toMatch(/not JSON/)
    expect(prog.answers()).toEqual([{ ID: 0, KnownCommands: ['get', 'put', 'close'] }])
  })

  it('refuses a bad option with usage on stderr', () => {
    let status = 0
    let stderr = ''
    try {
      execFileSync(process.execPath, [CLI, 'prog', '--max-size', 'lots'], { stdio: 'pipe' })
    } catch (err) {
      status = (err as { status: number }).status
      stderr = String((err as { stderr: Buffer }).stderr)
    }
    expect(status).toBe(2)
    expect(stderr).toMatch(/--max-size must be a size/)
  })

  it('lets several processes write the same and different entries into one store', async () => {
    const dir = tempDir()
    const bodies = Array.from({ length: 30 }, (_, i) => Buffer.alloc(1000 + i * 5000, i))
    const procs = Array.from({ length: 4 }, () => track(startCli(['prog', '--dir', dir])))
    procs.forEach((prog, p) => {
      let text = ''
      bodies.forEach(
        (body, i) => (text += putLine(i + 1, actionId(i % 10 === 0 ? `p${p}-${i}` : i), body))
      )
      prog.send(text + closeLine(100))
    })
    const codes = await Promise.all(procs.map(p => p.finish()))
    expect(codes).toEqual([0, 0, 0, 0])
    for (const prog of procs) {
      for (const a of prog.answers().filter(a => a.ID >= 1 && a.ID <= 30)) {
        expect(a.Err).toBeUndefined()
        expect(fs.readFileSync(a.DiskPath!).equals(bodies[a.ID - 1])).toBe(true)
      }
    }
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([])
  })
})

describe.each(BRIDGES)('go-cache serve, stats and stop, with %s', (_, connect) => {
  it('serves through the bridge, counts, and stops', async () => {
    const dir = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    const daemon = track(await startDaemon(dir, socket))
    expect(fs.statSync(socket).mode & 0o777).toBe(0o600)

    const body = Buffer.from('through the daemon')
    const bridge = track(connect(socket, dir))
    bridge.send(putLine(1, actionId(1), body))
    await bridge.waitFor(1)
    bridge.send(getLine(2, actionId(1)) + getLine(3, actionId(3)))
    bridge.send(closeLine(4))
    // The daemon hangs up once it has answered close, before Go closes the bridge's input:
    // that is the end of the command, not a daemon lost (no fallback, no warning).
    await bridge.waitFor(4)
    await new Promise(r => setTimeout(r, 300))
    expect(await bridge.finish()).toBe(0)
    expect(bridge.answers()[0]).toEqual({ ID: 0, KnownCommands: ['get', 'put', 'close'] })
    expect(bridge.answers().filter(a => a.ID === 0)).toHaveLength(1)
    expect(bridge.answers().find(a => a.ID === 3)).toEqual({ ID: 3, Miss: true })
    expect(bridge.stderr).toBe('')

    const stats = JSON.parse(
      execFileSync(process.execPath, [CLI, 'stats', '--socket', socket]).toString()
    )
    expect(stats).toMatchObject({ gets: 2, hits: 1, misses: 1, puts: 1, bytesRead: body.length })
    expect(stats).toMatchObject({ bytesWritten: body.length, connections: 2, errors: 0 })

    execFileSync(process.execPath, [CLI, 'stop', '--socket', socket])
    expect(await daemon.exited).toBe(0)
    expect(fs.existsSync(socket)).toBe(false)
  })

  it('passes malformed input on to the daemon and exits non-zero like prog does', async () => {
    const dir = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    const daemon = track(await startDaemon(dir, socket))
    const bridge = track(connect(socket, dir))
    bridge.send(getLine(1, actionId(1)) + 'not json at all\n')
    expect(await bridge.finish()).toBe(1)
    expect(bridge.answers().find(a => a.ID === 1)).toEqual({ ID: 1, Miss: true })
    expect(bridge.stderr).not.toMatch(/went away/)
    expect(daemon.stderr).toMatch(/not JSON/)
    expect(daemon.child.exitCode).toBeNull()
  })

  it('answers gets of entries the daemon verified without waiting for it, exactly once', async () => {
    const dir = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    const daemon = track(await startDaemon(dir, socket))
    const first = track(connect(socket, dir))
    const bodies = [Buffer.from('listed one'), Buffer.from('listed two')]
    first.send(putLine(1, actionId(1), bodies[0]) + putLine(2, actionId(2), bodies[1]))
    expect(await first.waitFor(2)).toBeDefined()
    first.send(closeLine(3))
    expect(await first.finish()).toBe(0)

    // Frozen, the daemon answers nothing: what comes back now came from the bridge itself.
    daemon.child.kill('SIGSTOP')
    const bridge = track(connect(socket, dir))
    // Entry 2's file is cut short behind the daemon's back: the bridge must not vouch for it.
    const cut = first.answers().find(a => a.ID === 2)!.DiskPath!
    fs.writeFileSync(cut, 'cut')
    bridge.send(getLine(1, actionId(1)) + getLine(2, actionId(2)) + getLine(3, actionId(3)))
    const answered = await bridge.waitFor(1, 3000)
    expect(answered).toMatchObject({ Size: bodies[0].length })
    expect(fs.readFileSync(answered!.DiskPath!).equals(bodies[0])).toBe(true)
    await new Promise(r => setTimeout(r, 300))
    expect(bridge.answers().map(a => a.ID)).toEqual([0, 1])

    // Entries 2 (its file no longer matches the list) and 3 (never listed) wait for the daemon.
    daemon.child.kill('SIGCONT')
    expect(await bridge.waitFor(2)).toBeDefined()
    expect(await bridge.waitFor(3)).toEqual({ ID: 3, Miss: true })
    bridge.send(closeLine(4))
    expect(await bridge.finish()).toBe(0)
    // The daemon's own answer to get 1 was dropped, and it still counted that get.
    expect(bridge.answers().map(a => a.ID)).toEqual([0, 1, 2, 3, 4])
    const stats = JSON.parse(
      execFileSync(process.execPath, [CLI, 'stats', '--socket', socket]).toString()
    )
    expect(stats).toMatchObject({ gets: 3, misses: 1 })
  })

  it('tells the daemon about gets it answered itself in batches, ahead of what it forwards', async () => {
    const dir = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    track(await startDaemon(dir, socket))
    const stats = () =>
      JSON.parse(execFileSync(process.execPath, [CLI, 'stats', '--socket', socket]).toString())
    const first = track(connect(socket, dir))
    first.send(
      putLine(1, actionId(1), Buffer.from('one')) + putLine(2, actionId(2), Buffer.from('two'))
    )
    await first.waitFor(2)
    first.send(closeLine(3))
    expect(await first.finish()).toBe(0)

    const bridge = track(connect(socket, dir))
    bridge.send(getLine(1, actionId(1)))
    expect(await bridge.waitFor(1)).toMatchObject({ Size: 3 })
    bridge.send(getLine(2, actionId(2)))
    expect(await bridge.waitFor(2)).toMatchObject({ Size: 3 })
    await new Promise(r => setTimeout(r, 200))
    // Answered here and not yet sent: the daemon has not seen them.
    expect(stats()).toMatchObject({ gets: 0, hits: 0 })
    // Something the daemon must answer takes the batch along, first.
    bridge.send(getLine(3, actionId(3)))
    expect(await bridge.waitFor(3)).toEqual({ ID: 3, Miss: true })
    expect(stats()).toMatchObject({ gets: 3, hits: 2, misses: 1 })
    bridge.send(getLine(4, actionId(1)))
    await bridge.waitFor(4)
    bridge.send(closeLine(5))
    expect(await bridge.finish()).toBe(0)
    expect(bridge.answers().map(a => a.ID)).toEqual([0, 1, 2, 3, 4, 5])
    expect(stats()).toMatchObject({ gets: 4, hits: 3, misses: 1, errors: 0 })
  })

  it('vouches only for what this daemon checked: a new daemon on an old store starts over', async () => {
    const dir = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    const old = track(await startDaemon(dir, socket))
    const writer = track(connect(socket, dir))
    writer.send(putLine(1, actionId(1), Buffer.from('from an earlier job')) + closeLine(2))
    expect(await writer.finish()).toBe(0)
    execFileSync(process.execPath, [CLI, 'stop', '--socket', socket])
    await old.exited

    const daemon = track(await startDaemon(dir, socket))
    daemon.child.kill('SIGSTOP')
    const before = track(connect(socket, dir))
    before.send(getLine(1, actionId(1)))
    await new Promise(r => setTimeout(r, 300))
    expect(before.answers().map(a => a.ID)).toEqual([0])
    daemon.child.kill('SIGCONT')
    expect(await before.waitFor(1)).toMatchObject({ Size: 19 })
    before.send(closeLine(2))
    expect(await before.finish()).toBe(0)

    // Once the new daemon has hashed it, the next go command gets it from its bridge.
    daemon.child.kill('SIGSTOP')
    const after = track(connect(socket, dir))
    after.send(getLine(1, actionId(1)))
    expect(await after.waitFor(1, 3000)).toMatchObject({ Size: 19 })
    daemon.child.kill('SIGCONT')
  })

  it('stores a put the daemon received whole but never answered, and the puts after it', async () => {
    const dir = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    const daemon = track(await startDaemon(dir, socket))
    const bridge = track(connect(socket, dir))
    expect(await bridge.waitFor(0)).toBeDefined()
    // Frozen, the daemon reads nothing and answers nothing; then it dies.
    daemon.child.kill('SIGSTOP')
    bridge.send(putLine(1, actionId(1), Buffer.alloc(5000, 1)) + getLine(2, actionId(2)))
    await new Promise(r => setTimeout(r, 200))
    daemon.child.kill('SIGKILL')
    await daemon.exited
    // The bridge kept the body it relayed and stores it itself: Go fails some commands
    // (its package index) when a put fails.
    const stored = await bridge.waitFor(1)
    expect(fs.readFileSync(stored!.DiskPath!).equals(Buffer.alloc(5000, 1))).toBe(true)
    expect(await bridge.waitFor(2)).toEqual({ ID: 2, Miss: true })
    const body = Buffer.alloc(7000, 2)
    bridge.send(putLine(3, actionId(3), body))
    expect(await bridge.waitFor(3)).toMatchObject({ DiskPath: expect.any(String) })
    bridge.send(getLine(4, actionId(3)) + closeLine(5))
    expect(await bridge.finish()).toBe(0)
    expect(bridge.answers().find(a => a.ID === 4)).toMatchObject({ Size: body.length })
  })

  it('serves the rest of the command when the daemon dies while nothing is in flight', async () => {
    const dir = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    const daemon = track(await startDaemon(dir, socket))
    const bridge = track(connect(socket, dir))
    const body = Buffer.from('stored before the daemon died')
    bridge.send(putLine(1, actionId(1), body))
    expect(await bridge.waitFor(1)).toBeDefined()
    // Go is compiling: every answer is in, and the daemon dies before the next request.
    daemon.child.kill('SIGKILL')
    await daemon.exited
    await new Promise(r => setTimeout(r, 300))
    bridge.send(getLine(2, actionId(1)) + putLine(3, actionId(3), body) + closeLine(4))
    expect(await bridge.waitFor(2)).toMatchObject({ Size: body.length })
    expect(await bridge.waitFor(3)).toMatchObject({ DiskPath: expect.any(String) })
    expect(await bridge.finish()).toBe(0)
    // Answers may come in any order (Go matches them by ID), each exactly once.
    expect(
      bridge
        .answers()
        .map(a => a.ID)
        .sort()
    ).toEqual([0, 1, 2, 3, 4])
    expect(bridge.stderr).toMatch(/daemon went away/)
  })

  it('answers every request when the daemon is killed in the middle of a command', async () => {
    const dir = tempDir()
    const socket = path.join(tempDir(), 'cache.sock')
    const daemon = track(await startDaemon(dir, socket))
    const bridge = track(connect(socket, dir))
    let id = 0
    const body = (n: number) => Buffer.alloc(20000 + n, n)
    for (let i = 0; i < 20; i++) bridge.send(putLine(++id, actionId(id), body(id)))
    expect(await bridge.waitFor(20)).toBeDefined()
    // Start a large put, kill the daemon while its body is in flight, then keep going.
    const bigBody = Buffer.alloc(4 << 20, 3)
    const big = putLine(++id, actionId(id), bigBody)
    const bigId = id
    bridge.send(big.slice(0, big.length / 2))
    daemon.child.kill('SIGKILL')
    await daemon.exited
    bridge.send(big.slice(big.length / 2))
    for (let i = 0; i < 20; i++) bridge.send(getLine(++id, actionId(i + 1)))
    bridge.send(putLine(++id, actionId('after'), body(1)))
    await bridge.waitFor(id)
    bridge.send(getLine(++id, actionId('after')))
    bridge.send(closeLine(++id))
    expect(await bridge.finish()).toBe(0)
    const answers = bridge.answers()
    const ids = answers.map(a => a.ID).sort((a, b) => a - b)
    expect(ids).toEqual(Array.from({ length: id + 1 }, (_, i) => i))
    // Entries the daemon stored are still served, now from the store directly.
    expect(answers.filter(a => a.ID > 21 && a.ID <= 41 && a.Size)).toHaveLength(20)
    expect(answers.find(a => a.ID === id - 1)).toMatchObject({ Size: body(1).length })
    expect(bridge.stderr).toMatch(/daemon went away/)
    // The put that was streaming when the daemon died was finished and stored here.
    const bigAnswer = answers.find(a => a.ID === bigId)!
    expect(bigAnswer.Err).toBeUndefined()
    expect(fs.readFileSync(bigAnswer.DiskPath!).equals(bigBody)).toBe(true)
  })
})

describe('go-cache serve', () => {
  it('refuses to start a second daemon on a live socket', async () => {
    const socket = path.join(tempDir(), 'cache.sock')
    track(await startDaemon(tempDir(), socket))
    await expect(startDaemon(tempDir(), socket)).rejects.toThrow(/already listens/)
  })

  // The same bridge runs as `go-cache connect`, as the bundle GOCACHEPROG runs and natively.
  it.each([
    ...BRIDGES,
    [
      'the bridge bundle',
      (socket: string, dir: string) =>
        new CliProcess(
          spawn(process.execPath, [
            path.resolve('dist/bridge/index.js'),
            'connect',
            '--socket',
            socket,
            '--dir',
            dir
          ])
        )
    ] as const
  ])(
    '%s falls back to the store directly, with one warning, when no daemon listens',
    async (_, connect) => {
      const dir = tempDir()
      const bridge = track(connect(path.join(dir, 'none.sock'), dir))
      const body = Buffer.from('fallback')
      bridge.send(putLine(1, actionId(1), body))
      await bridge.waitFor(1)
      bridge.send(getLine(2, actionId(1)) + closeLine(3))
      expect(await bridge.finish()).toBe(0)
      expect(bridge.answers().find(a => a.ID === 2)).toMatchObject({ Size: body.length })
      expect(bridge.stderr.match(/warn/g)).toHaveLength(1)
      expect(bridge.stderr).toMatch(/cannot reach the go-cache daemon/)
    }
  )
})
