// The GOCACHEPROG target when a daemon runs: relays Go's stdio to the daemon's socket.
//
// Bytes pass through unchanged, but the bridge follows the framing on both sides so it
// always knows which requests are unanswered. Go aborts the build if its cache program
// exits with requests pending, so if the daemon goes away the bridge answers those itself
// (gets as misses, puts as errors) and serves the rest of the go command from the local
// store directly, with one warning on stderr.
//
// Every request of a go command crosses this process twice, so the relay path is kept
// synchronous: no promise or timer sits between reading a chunk and writing it on.

import * as net from 'node:net'
import { createCacheHandler } from '../cache/cache-handler.js'
import { newStats } from '../cache/stats.js'
import { socketAddress } from '../daemon/socket-path.js'
import { RequestParser, type ParseEvent } from '../protocol/request-parser.js'
import { ResponseWriter } from '../protocol/response-writer.js'
import { messageOf, ProtocolSession } from '../protocol/server.js'
import { GO_COMMANDS, type Request } from '../protocol/types.js'
import { LocalStore } from '../store/local-store.js'
import { log } from '../util/log.js'

export interface BridgeOptions {
  socket: string
  /** The store the daemon uses; served directly when the daemon cannot be reached. */
  fallbackDir: string
  connectTimeoutMs?: number
}

export async function runBridge(options: BridgeOptions): Promise<number> {
  const writer = new ResponseWriter(process.stdout)
  // Go waits for this before sending anything: greet before connecting.
  writer.send({ ID: 0, KnownCommands: [...GO_COMMANDS] })
  const relay = new Relay(writer, options)
  await relay.connect()
  await relay.pump(process.stdin)
  await writer.end(true)
  return relay.fatal ? 1 : 0
}

class Relay {
  fatal = false
  private daemonUp = false
  private socket?: net.Socket
  private readonly parser = new RequestParser()
  /** Requests sent to the daemon and not yet answered by it. */
  private readonly unanswered = new Map<number, Request>()
  /** The put whose body is streaming to the daemon now. */
  private streamingPut?: number
  /** A put whose body was streaming when the daemon went away: the rest is dropped. */
  private orphanPut?: number
  /** We are hanging up ourselves (Go closed, or sent garbage): not a lost daemon. */
  private hangingUp = false
  private partialLine = ''
  private greetingSeen = false
  private fallback?: ProtocolSession
  /** Fallback work runs in order, one chunk's events after the other's. */
  private queue: Promise<void> = Promise.resolve()
  private input?: NodeJS.ReadStream

  constructor(
    private readonly writer: ResponseWriter,
    private readonly options: BridgeOptions
  ) {}

  async connect(): Promise<void> {
    const address = socketAddress(this.options.socket)
    try {
      this.socket = await openSocket(address, this.options.connectTimeoutMs ?? 5000)
    } catch (err) {
      this.daemonLost(`cannot reach the go-cache daemon at ${address} (${messageOf(err)})`)
      return
    }
    this.daemonUp = true
    this.socket.setEncoding('utf8')
    this.socket.on('data', (text: string) => this.relayAnswers(text))
    this.socket.on('error', () => {})
    this.socket.on('close', () => {
      if (this.daemonUp && !this.hangingUp) {
        this.daemonLost('the go-cache daemon went away mid-command')
      }
    })
  }

  /** Reads Go's requests until Go closes its end (or sends something unreadable). */
  pump(input: NodeJS.ReadStream): Promise<void> {
    this.input = input
    return new Promise(resolve => {
      const stop = () => {
        this.hangingUp = true
        input.off('data', onData)
        input.pause()
        void this.queue.then(() => this.hangUp()).then(resolve)
      }
      const onData = (chunk: Buffer) => {
        if (this.daemonUp) {
          this.parser.skipBodies = true
          const events = this.parser.push(chunk)
          if (!this.socket!.write(chunk)) {
            input.pause()
            this.socket!.once('drain', () => input.resume())
          }
          for (const event of events) this.track(event)
          if (this.fatal) stop()
          return
        }
        // The daemon is gone: serve from the store, in order, reading on only when done.
        this.parser.skipBodies = false
        const events = this.parser.push(chunk)
        input.pause()
        this.queue = this.queue.then(async () => {
          for (const event of events) {
            if (!(await this.serveDirectly(event))) return stop()
          }
          input.resume()
        })
      }
      input.on('data', onData)
      input.once('end', () => {
        this.queue = this.queue.then(async () => {
          for (const event of this.parser.end()) await this.serveDirectly(event)
        })
        stop()
      })
    })
  }

  /** Notes what the daemon now owes us. */
  private track(event: ParseEvent): void {
    switch (event.type) {
      case 'bodyStart':
        this.streamingPut = event.request.ID
        this.unanswered.set(event.request.ID, event.request)
        break
      case 'request':
        this.unanswered.set(event.request.ID, event.request)
        break
      case 'bodyEnd':
      case 'bodyError':
        this.streamingPut = undefined
        break
      case 'invalid':
        this.unanswered.set(event.id, { ID: event.id, Command: '', BodySize: 0 })
        break
      case 'fatal':
        // The daemon sees the same bytes, answers what it can and hangs up.
        this.fatal = true
        break
    }
  }

  /** Handles a request in this process, after the daemon went away. */
  private async serveDirectly(event: ParseEvent): Promise<boolean> {
    if (this.orphanPut !== undefined) {
      if (event.type === 'bodyData') return true
      if (event.type === 'bodyEnd' || event.type === 'bodyError') {
        this.orphanPut = undefined
        return true
      }
      this.orphanPut = undefined
    }
    const session = await this.fallbackSession()
    const more = await session.handle(event)
    if (session.result.fatal) this.fatal = true
    return more
  }

  private async hangUp(): Promise<void> {
    this.hangingUp = true
    const socket = this.socket
    if (this.daemonUp && socket) {
      socket.end()
      if (!socket.closed) await new Promise(resolve => socket.once('close', resolve))
    }
    await this.fallback?.settle()
  }

  private relayAnswers(text: string): void {
    const data = this.partialLine + text
    const last = data.lastIndexOf('\n')
    if (last < 0) {
      this.partialLine = data
      return
    }
    this.partialLine = data.slice(last + 1)
    let out = ''
    let start = 0
    while (start <= last) {
      const end = data.indexOf('\n', start)
      const line = data.slice(start, end + 1)
      start = end + 1
      const id = answerId(line)
      if (id === 0 && !this.greetingSeen) {
        this.greetingSeen = true // the bridge already greeted Go itself
        continue
      }
      const request = id === undefined ? undefined : this.unanswered.get(id)
      if (!request) {
        // Passing it on would make Go abort the build.
        log('warn', `dropping an answer the daemon should not have sent: ${line.slice(0, 100)}`)
        continue
      }
      if (request.Command === 'close') this.hangingUp = true
      this.unanswered.delete(id!)
      out += line
    }
    if (out) this.writer.sendLine(out)
  }

  private daemonLost(reason: string): void {
    this.daemonUp = false
    log('warn', `${reason}; serving this go command from ${this.options.fallbackDir} directly`)
    for (const [id, req] of this.unanswered) {
      if (req.Command === 'get') this.writer.send({ ID: id, Miss: true })
      else if (req.Command === 'close') this.writer.send({ ID: id })
      else this.writer.send({ ID: id, Err: 'go-cache daemon went away' })
    }
    this.unanswered.clear()
    this.orphanPut = this.streamingPut
    this.socket?.destroy()
    // Reading may be paused waiting for the socket to drain, which will never happen now.
    this.input?.resume()
  }

  private async fallbackSession(): Promise<ProtocolSession> {
    if (this.fallback) return this.fallback
    try {
      const store = await LocalStore.open(this.options.fallbackDir)
      this.fallback = new ProtocolSession(this.writer, createCacheHandler(store, newStats()), {
        log: message => log('warn', message)
      })
    } catch (err) {
      log('warn', `cannot open ${this.options.fallbackDir}: ${messageOf(err)}`)
      this.fallback = new ProtocolSession(this.writer, noStore)
    }
    return this.fallback
  }
}

/** The last resort: every get misses, every put is refused; Go then just recomputes. */
const noStore = {
  get: async () => undefined,
  put: () => {
    throw new Error('no cache store available')
  }
}

/** The daemon writes ID first in every answer: read it without parsing the whole line. */
function answerId(line: string): number | undefined {
  if (!line.startsWith('{"ID":')) return undefined
  const id = parseInt(line.slice(6, 30), 10)
  return Number.isSafeInteger(id) ? id : undefined
}

function openSocket(address: string, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(address)
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no answer within ${timeoutMs} ms`))
    }, timeoutMs)
    socket.once('connect', () => {
      clearTimeout(timer)
      resolve(socket)
    })
    socket.once('error', err => {
      clearTimeout(timer)
      reject(err)
    })
  })
}
