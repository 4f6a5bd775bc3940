// The GOCACHEPROG target when a daemon runs: relays Go's stdio to the daemon's socket.
//
// Bytes pass through unchanged, but the bridge follows the framing on both sides so it
// always knows which requests are unanswered. Go aborts the build if its cache program
// exits with requests pending, so if the daemon goes away the bridge answers those itself
// (gets as misses, puts as errors) and serves the rest of the go command from the local
// store directly, with one warning on stderr.

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
  writer.send({ ID: 0, KnownCommands: [...GO_COMMANDS] })

  const parser = new RequestParser()
  const bridge = new Relay(writer, options)
  await bridge.connect()

  const chunks = process.stdin.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>
  read: for await (const chunk of chunks) {
    // While the daemon is up it decodes bodies; the bridge only needs their boundaries.
    parser.skipBodies = bridge.daemonUp
    const events = parser.push(chunk)
    if (bridge.daemonUp) await bridge.forward(chunk)
    for (const event of events) {
      if (!(await bridge.observe(event))) break read
    }
  }
  for (const event of parser.end()) await bridge.observe(event)
  const fatal = await bridge.finish()
  await writer.end(true)
  return fatal ? 1 : 0
}

class Relay {
  daemonUp = false
  private socket?: net.Socket
  /** Requests sent to the daemon and not yet answered by it. */
  private readonly unanswered = new Map<number, Request>()
  private closeAnswered = false
  private partialLine = ''
  private greetingSeen = false
  private fallback?: Fallback
  /** The put whose body is streaming to the daemon now. */
  private streamingPut?: number
  /** A put whose body was streaming to the daemon when it went away. */
  private orphanPut?: number
  private fatal = false

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
      if (!this.closeAnswered) this.daemonLost('the go-cache daemon went away mid-command')
    })
  }

  async forward(chunk: Buffer): Promise<void> {
    const socket = this.socket
    if (!socket || !this.daemonUp) return
    if (!socket.write(chunk)) {
      await new Promise<void>(resolve => {
        const done = () => {
          socket.off('drain', done)
          socket.off('close', done)
          resolve()
        }
        socket.on('drain', done)
        socket.on('close', done)
      })
    }
  }

  /** Tracks what the daemon owes; once it is gone, serves requests from the local store. */
  async observe(event: ParseEvent): Promise<boolean> {
    if (this.daemonUp) {
      if (event.type === 'request' || event.type === 'bodyStart') {
        this.unanswered.set(event.request.ID, event.request)
        if (event.type === 'bodyStart') this.streamingPut = event.request.ID
      } else if (event.type === 'bodyEnd' || event.type === 'bodyError') {
        this.streamingPut = undefined
      } else if (event.type === 'invalid') {
        this.unanswered.set(event.id, { ID: event.id, Command: '', BodySize: 0 })
      } else if (event.type === 'fatal') {
        this.fatal = true
      }
      return !this.fatal
    }
    if (this.orphanPut !== undefined) {
      // The rest of a body that was streaming to the daemon: already answered, drop it.
      if (event.type === 'bodyData') return true
      if (event.type === 'bodyEnd' || event.type === 'bodyError') {
        this.orphanPut = undefined
        return true
      }
      this.orphanPut = undefined
    }
    if (!this.fallback) return true
    await this.fallback.ready
    const session = this.fallback.session!
    const more = await session.handle(event)
    if (session.result.fatal) this.fatal = true
    return more
  }

  /** Ends the exchange; true when Go's input could not be understood. */
  async finish(): Promise<boolean> {
    if (this.daemonUp && this.socket) {
      this.socket.end()
      await new Promise<void>(resolve => {
        if (this.socket!.closed) resolve()
        else this.socket!.once('close', () => resolve())
      })
    }
    if (this.fallback) {
      await this.fallback.ready
      await this.fallback.session!.settle()
    }
    return this.fatal
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
    for (const line of data.slice(0, last).split('\n')) {
      if (line === '') continue
      const id = answerId(line)
      if (id === 0 && !this.greetingSeen) {
        // The bridge already greeted Go itself.
        this.greetingSeen = true
        continue
      }
      if (id === undefined || !this.unanswered.has(id)) {
        // Passing it on would make Go abort the build.
        log('warn', `dropping an answer the daemon should not have sent: ${line.slice(0, 100)}`)
        continue
      }
      if (this.unanswered.get(id)!.Command === 'close') this.closeAnswered = true
      this.unanswered.delete(id)
      out += line + '\n'
    }
    if (out) this.writer.sendLine(out)
  }

  private daemonLost(reason: string): void {
    if (!this.daemonUp && this.fallback) return
    this.daemonUp = false
    log('warn', `${reason}; serving this go command from ${this.options.fallbackDir} directly`)
    for (const [id, req] of this.unanswered) {
      if (req.Command === 'get') this.writer.send({ ID: id, Miss: true })
      else if (req.Command === 'close') this.writer.send({ ID: id })
      else this.writer.send({ ID: id, Err: 'go-cache daemon went away' })
    }
    this.orphanPut = this.streamingPut
    this.unanswered.clear()
    this.fallback = this.openFallback()
  }

  private openFallback(): Fallback {
    const fallback: Fallback = { ready: Promise.resolve() }
    fallback.ready = LocalStore.open(this.options.fallbackDir).then(
      store => {
        const handler = createCacheHandler(store, newStats())
        fallback.session = new ProtocolSession(this.writer, handler, {
          log: message => log('warn', message)
        })
      },
      err => {
        log('warn', `cannot open ${this.options.fallbackDir}: ${messageOf(err)}`)
        fallback.session = new ProtocolSession(this.writer, noStore)
      }
    )
    return fallback
  }
}

interface Fallback {
  ready: Promise<void>
  session?: ProtocolSession
}

/** The last resort: every get misses, every put is refused; Go then just recomputes. */
const noStore = {
  get: async () => undefined,
  put: () => {
    throw new Error('no cache store available')
  }
}

function answerId(line: string): number | undefined {
  try {
    const id = (JSON.parse(line) as { ID?: unknown }).ID
    return typeof id === 'number' ? id : undefined
  } catch {
    return undefined
  }
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
