// Protocol load generator: many pipelined gets and puts over several connections to a daemon.
// Measures each request from the moment it is written to the moment its answer is read.
import { createHash } from 'node:crypto'
import * as net from 'node:net'
import { clearTimeout, setTimeout } from 'node:timers'

const sha = s => createHash('sha256').update(s).digest()

/**
 * Opens a connection to a daemon; resolves to `request(header, body?)`, which sends one
 * request and resolves on its answer, and `close()`. A broken connection answers every
 * waiting request with Err.
 */
export function connect(socket) {
  return new Promise((resolve, reject) => {
    const conn = net.connect(socket)
    const waiting = new Map()
    let partial = ''
    let nextId = 1
    conn.setEncoding('utf8')
    conn.on('error', err => {
      for (const done of waiting.values()) done({ Err: err.message })
      waiting.clear()
      reject(err)
    })
    conn.on('data', text => {
      const data = partial + text
      const last = data.lastIndexOf('\n')
      partial = data.slice(last + 1)
      if (last < 0) return
      for (const line of data.slice(0, last).split('\n')) {
        if (!line) continue
        const answer = JSON.parse(line)
        const done = waiting.get(answer.ID)
        if (done) {
          waiting.delete(answer.ID)
          done(answer)
        }
      }
    })
    conn.on('connect', () =>
      resolve({
        request(header, data) {
          const id = nextId++
          let text = JSON.stringify({ ID: id, ...header }) + '\n\n'
          if (data && data.length) text += '"' + data.toString('base64') + '"\n'
          return new Promise(done => {
            waiting.set(id, done)
            conn.write(text)
          })
        },
        close: () => new Promise(done => conn.end(done))
      })
    )
  })
}

/**
 * One of the daemon's own commands (stats, stop) over the same framing; resolves with its
 * Data. The daemon greets every connection with its KnownCommands (ID 0) first.
 */
export function control(socket, command, timeoutMs = 600_000) {
  return new Promise((resolve, reject) => {
    const conn = net.connect(socket)
    let buffered = ''
    const timer = setTimeout(() => {
      conn.destroy()
      reject(new Error(`daemon did not answer ${command} in ${timeoutMs} ms`))
    }, timeoutMs)
    conn.setEncoding('utf8')
    conn.on('connect', () => conn.write(JSON.stringify({ ID: 1, Command: command }) + '\n\n'))
    conn.on('data', text => {
      buffered += text
      let nl
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const answer = JSON.parse(buffered.slice(0, nl))
        buffered = buffered.slice(nl + 1)
        if (answer.ID !== 1) continue
        clearTimeout(timer)
        conn.end()
        if (answer.Err) reject(new Error(answer.Err))
        else resolve(answer.Data)
      }
    })
    conn.on('error', err => {
      clearTimeout(timer)
      reject(err)
    })
  })
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** Runs `total` requests over `connections` connections with `window` in flight on each. */
async function drive(socket, { connections, window, total, make }) {
  const conns = await Promise.all(Array.from({ length: connections }, () => connect(socket)))
  const latencies = []
  let issued = 0
  let errors = 0
  const start = process.hrtime.bigint()
  await Promise.all(
    conns.map(async conn => {
      const lane = async () => {
        while (issued < total) {
          const n = issued++
          const { header, body } = make(n)
          const t0 = process.hrtime.bigint()
          const answer = await conn.request(header, body)
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6)
          if (answer.Err || (header.Command === 'get' && answer.Miss)) errors++
        }
      }
      await Promise.all(Array.from({ length: window }, lane))
    })
  )
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  conns.forEach(c => c.close())
  latencies.sort((a, b) => a - b)
  return {
    requests: total,
    connections,
    window,
    errors,
    seconds,
    perSecond: Math.round(total / seconds),
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99)
  }
}

export async function loadTest(socket, { entries = 2000, gets = 60000, size = 1024 } = {}) {
  const body = i => Buffer.alloc(size, i % 251)
  const action = i => sha(`load action ${i}`).toString('base64')
  const put = await drive(socket, {
    connections: 4,
    window: 16,
    total: entries,
    make: i => ({
      header: {
        Command: 'put',
        ActionID: action(i),
        OutputID: sha(body(i)).toString('base64'),
        BodySize: size
      },
      body: body(i)
    })
  })
  const get = await drive(socket, {
    connections: 8,
    window: 32,
    total: gets,
    make: i => ({ header: { Command: 'get', ActionID: action(i % entries) } })
  })
  // One request at a time: the latency a lone go command sees, without queueing.
  const single = await drive(socket, {
    connections: 1,
    window: 1,
    total: 5000,
    make: i => ({ header: { Command: 'get', ActionID: action(i % entries) } })
  })
  return { put, get, single }
}

/** A Node program that only greets and answers every get with a miss: Node's own floor. */
const NODE_FLOOR = `process.stdout.write('{"ID":0,"KnownCommands":["get","put","close"]}\\n')
let b = ''
process.stdin.on('data', d => {
  b += d
  for (let i; (i = b.indexOf('\\n\\n')) >= 0; b = b.slice(i + 2)) {
    const r = JSON.parse(b.slice(0, i))
    process.stdout.write(r.Command === 'get' ? '{"ID":' + r.ID + ',"Miss":true}\\n' : '{"ID":' + r.ID + '}\\n')
    if (r.Command === 'close') process.stdin.destroy()
  }
})`

/** Spawns one GOCACHEPROG program, sends it a get once it greets, then close. */
async function startOnce(command, action) {
  const { spawn } = await import('node:child_process')
  const t0 = process.hrtime.bigint()
  const ms = () => Number(process.hrtime.bigint() - t0) / 1e6
  const child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] })
  const times = {}
  let buf = ''
  child.stdout.setEncoding('utf8')
  // After the close exchange Go waits for this, not for the process to exit.
  child.stdout.once('end', () => (times.eofMs = ms()))
  child.stdout.on('data', d => {
    buf += d
    for (let nl; (nl = buf.indexOf('\n')) >= 0;) {
      const answer = JSON.parse(buf.slice(0, nl))
      buf = buf.slice(nl + 1)
      if (answer.ID === 0) {
        times.greetingMs = ms()
        child.stdin.write(JSON.stringify({ ID: 1, Command: 'get', ActionID: action }) + '\n\n')
      } else if (answer.ID === 1) {
        times.firstAnswerMs = ms()
        times.hit = !answer.Miss
        child.stdin.end(JSON.stringify({ ID: 2, Command: 'close' }) + '\n\n')
      }
    }
  })
  await new Promise(r => child.on('close', r))
  times.exitMs = ms()
  return times
}

/**
 * What one go command pays for the bridge: start-up (spawn to the greeting, and to the answer
 * of a first get, a hit) beside the reference plugin, a do-nothing Node program and the CLI's
 * own `connect`, interleaved; and the round trip of one get at a time through the bridge
 * (Go → bridge, answered from the daemon's verified list or by the daemon, and back).
 */
export async function bridgeCosts(
  { cli, bridge, native, refPlugin, socket, dir, refDir },
  { starts = 21, gets = 2000 } = {}
) {
  const action = sha('load action 0').toString('base64')
  const connect = ['connect', '--socket', socket, '--dir', dir]
  const commands = {
    'reference plugin (Go)': [refPlugin, refDir],
    'Node, greeting only': [process.execPath, '-e', NODE_FLOOR],
    'go-cache connect (CLI bundle)': [process.execPath, cli, ...connect]
  }
  if (bridge !== cli) commands[NODE_BRIDGE] = [process.execPath, bridge, ...connect]
  if (native) commands[NATIVE_BRIDGE] = [native[0], ...connect, ...native.slice(1)]
  const samples = {}
  for (let i = 0; i < starts; i++) {
    for (const [name, command] of Object.entries(commands)) {
      ;(samples[name] ??= []).push(await startOnce(command, action))
    }
  }
  const med = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const startup = {}
  for (const [name, xs] of Object.entries(samples)) {
    startup[name] = {
      greetingMs: med(xs.map(x => x.greetingMs)),
      firstAnswerMs: med(xs.map(x => x.firstAnswerMs)),
      eofMs: med(xs.map(x => x.eofMs)),
      exitMs: med(xs.map(x => x.exitMs)),
      hits: xs.filter(x => x.hit).length
    }
  }

  // One get at a time through each bridge GOCACHEPROG may run.
  const roundTrips = {}
  for (const name of [NATIVE_BRIDGE, NODE_BRIDGE]) {
    if (commands[name]) roundTrips[name] = await roundTrip(commands[name], action, gets)
  }
  const shipped = native
    ? NATIVE_BRIDGE
    : bridge !== cli
      ? NODE_BRIDGE
      : 'go-cache connect (CLI bundle)'
  return {
    starts,
    startup,
    shipped,
    startupMs: startup[shipped].firstAnswerMs,
    roundTripMs: roundTrips[shipped] ?? (await roundTrip(commands[shipped], action, gets)),
    roundTrips
  }
}

export const NODE_BRIDGE = 'bridge bundle (GOCACHEPROG)'
export const NATIVE_BRIDGE = 'native bridge (GOCACHEPROG)'

/** Milliseconds per get, one at a time, through a bridge that answers from the daemon's list. */
async function roundTrip(command, action, gets) {
  const { spawn } = await import('node:child_process')
  const child = spawn(command[0], command.slice(1))
  let buf = ''
  let waiting
  let greeted
  const greeting = new Promise(r => (greeted = r))
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', d => {
    buf += d
    let nl
    while ((nl = buf.indexOf('\n')) >= 0) {
      const answer = JSON.parse(buf.slice(0, nl))
      buf = buf.slice(nl + 1)
      if (answer.ID === 0) greeted()
      else if (waiting?.id === answer.ID) waiting.done(answer)
    }
  })
  await greeting
  const t1 = process.hrtime.bigint()
  for (let id = 1; id <= gets; id++) {
    await new Promise(done => {
      waiting = { id, done }
      child.stdin.write(JSON.stringify({ ID: id, Command: 'get', ActionID: action }) + '\n\n')
    })
  }
  const ms = Number(process.hrtime.bigint() - t1) / 1e6 / gets
  child.stdin.end(JSON.stringify({ ID: gets + 1, Command: 'close' }) + '\n\n')
  await new Promise(r => child.on('close', r))
  return ms
}
