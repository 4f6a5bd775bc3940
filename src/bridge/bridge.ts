// The GOCACHEPROG target when a daemon runs: relays Go's stdio to the daemon's socket.
//
// Bytes pass through unchanged, but the bridge follows the framing on both sides so it
// always knows which requests are unanswered. Go aborts the build if its cache program
// exits with requests pending, so if the daemon goes away the bridge answers those itself
// (gets as misses; puts it stores itself from the body text it kept) and serves the rest of
// the go command from the local store directly, with one warning on stderr.
//
// Every request of a go command crosses this process twice, so the relay path is kept
// synchronous: no promise or timer sits between reading a chunk and writing it on.
//
// Go starts one bridge per go command, so what it loads is start-up every command waits
// for: this module loads node:fs, node:net and node:path and the protocol code only. The
// fallback's store (node:crypto, node:fs/promises) is imported when the daemon is lost.

import * as fs from 'node:fs'
import * as net from 'node:net'
import * as path from 'node:path'
import { Base64Decoder } from '../protocol/base64-decoder.js'
import { RequestParser, type ParseEvent } from '../protocol/request-parser.js'
import { ResponseWriter } from '../protocol/response-writer.js'
import { messageOf, ProtocolSession } from '../protocol/server.js'
import { ANSWERED_COMMAND, GO_COMMANDS, type Request } from '../protocol/types.js'
import { log } from '../util/log.js'
import { protocolOutput } from './fd-output.js'
import { socketAddress } from '../daemon/socket-path.js'
import { outputPathIn } from '../store/output-path.js'
import { VerifiedLogReader, verifiedLogPath } from '../store/verified-log.js'

export interface BridgeOptions {
  socket: string
  /** The store the daemon uses; served directly when the daemon cannot be reached. */
  fallbackDir: string
  connectTimeoutMs?: number
}

export async function runBridge(options: BridgeOptions): Promise<number> {
  const output = protocolOutput()
  const writer = new ResponseWriter(output)
  // Go waits for this before sending anything: greet before connecting.
  writer.send({ ID: 0, KnownCommands: [...GO_COMMANDS] })
  const relay = new Relay(writer, options, () => writer.end(output === process.stdout))
  await relay.connect()
  await relay.pump(process.stdin)
  await writer.end(output === process.stdout)
  return relay.fatal ? 1 : 0
}

/** A request the daemon has not answered yet; a put keeps its body text for a replay. */
interface InFlight {
  request: Request
  body?: Buffer[]
  bodyDone?: boolean
  /** Go already has its answer (from the verified list): the daemon's copy is dropped. */
  answered?: boolean
}

class Relay {
  fatal = false
  private daemonUp = false
  private socket?: net.Socket
  private readonly parser = new RequestParser()
  private readonly unanswered = new Map<number, InFlight>()
  /** The put whose body is being read now. */
  private current?: InFlight
  /** Decodes the current body once the daemon is gone and this process stores it. */
  private decoder?: Base64Decoder
  /** We are hanging up ourselves (Go closed, or sent garbage): not a lost daemon. */
  private hangingUp = false
  private partialLine = ''
  private greetingSeen = false
  private fallback?: ProtocolSession
  /** Work done in this process runs in order, one chunk's events after the other's. */
  private queue: Promise<void> = Promise.resolve()
  private input?: NodeJS.ReadStream
  private readonly verified: VerifiedLogReader
  private readonly storeDir: string
  private gets = 0
  private answeredHere = 0
  /** `answered` lines not yet sent to the daemon. */
  private notes = ''
  /** Called once the daemon has answered everything, while hanging up. */
  private drained?: (value?: unknown) => void

  constructor(
    private readonly writer: ResponseWriter,
    private readonly options: BridgeOptions,
    /** Flushes and closes what Go reads: Go goes on once that closes. */
    private readonly endOutput: () => Promise<void>
  ) {
    // Bodies pass through as text; decoding is only needed if we end up storing one.
    this.parser.rawBodies = true
    this.storeDir = path.resolve(options.fallbackDir)
    this.verified = new VerifiedLogReader(
      verifiedLogPath(this.storeDir, socketAddress(options.socket))
    )
  }

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
        const startsRequest = this.parser.atBoundary()
        const events = this.parser.push(chunk)
        if (this.daemonUp) {
          for (const event of events) this.track(event)
          const answered = this.answeredHereOnly(events)
          if (startsRequest && this.parser.atBoundary() && answered) {
            this.noteAnswered(answered)
          } else {
            this.sendNotes(this.socket!)
            if (!this.socket!.write(chunk)) {
              input.pause()
              this.socket!.once('drain', () => input.resume())
            }
          }
          if (this.fatal) stop()
          return
        }
        // The daemon is gone: serve from the store, in order, reading on only when done.
        input.pause()
        this.enqueue(async () => {
          for (const event of events) {
            if (!(await this.serveDirectly(event))) return stop()
          }
          input.resume()
        })
      }
      input.on('data', onData)
      input.once('end', () => {
        const rest = this.parser.end()
        this.enqueue(async () => {
          for (const event of rest) await this.serveDirectly(event)
        })
        stop()
      })
    })
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch(err => log('warn', `bridge: ${messageOf(err)}`))
  }

  /** Notes what the daemon now owes us. */
  private track(event: ParseEvent): void {
    switch (event.type) {
      case 'request':
        this.unanswered.set(event.request.ID, {
          request: event.request,
          answered: this.answerFromList(event.request)
        })
        break
      case 'bodyStart':
        this.current = { request: event.request, body: [] }
        this.unanswered.set(event.request.ID, this.current)
        break
      case 'bodyRaw':
        this.current?.body?.push(event.data)
        break
      case 'bodyEnd':
      case 'bodyError':
        if (this.current) this.current.bodyDone = true
        this.current = undefined
        break
      case 'invalid':
        this.unanswered.set(event.id, { request: { ID: event.id, Command: '', BodySize: 0 } })
        break
      case 'fatal':
        // The daemon sees the same bytes, answers what it can and hangs up.
        this.fatal = true
        break
    }
  }

  /**
   * Answers a get the daemon has already verified without waiting for it. The request still
   * goes to the daemon (counted, kept in use, its bundle's order noted); its answer is dropped.
   */
  private answerFromList(request: Request): boolean {
    if (request.Command !== 'get' || !request.ActionID) return false
    this.gets++
    const entry = this.verified.lookup(request.ActionID.toString('hex'))
    if (!entry) return false
    const hex = entry.outputHex
    const diskPath = outputPathIn(this.storeDir, hex)
    try {
      // A file gone or cut since the daemon checked it: let the daemon decide.
      if (fs.statSync(diskPath).size !== entry.size) return false
    } catch {
      return false
    }
    this.writer.sendHit(request.ID, {
      outputID: Buffer.from(hex, 'hex'),
      size: entry.size,
      time: new Date(entry.timeMs),
      diskPath
    })
    this.answeredHere++
    return true
  }

  /**
   * The requests, when they are whole gets the bridge answered and nothing else: the daemon
   * need not answer them, so they reach it later, batched as `answered` lines before the next
   * bytes we forward. A get costs a write and a read on each side otherwise, on the two cores
   * go is using.
   */
  private answeredHereOnly(events: ParseEvent[]): Request[] | undefined {
    const requests: Request[] = []
    for (const event of events) {
      if (event.type !== 'request' || !this.unanswered.get(event.request.ID)?.answered) return
      requests.push(event.request)
    }
    return requests.length > 0 ? requests : undefined
  }

  private noteAnswered(requests: Request[]): void {
    for (const request of requests) {
      this.unanswered.delete(request.ID)
      const actionID = request.ActionID!.toString('base64')
      this.notes += `{"ID":${request.ID},"Command":"${ANSWERED_COMMAND}","ActionID":"${actionID}"}\n`
    }
  }

  /**
   * Writes the queued `answered` lines, if any: ending the socket with an empty write
   * (`end('')`) lost the daemon's last answers.
   */
  private sendNotes(socket: net.Socket): void {
    if (!this.notes) return
    socket.write(this.notes)
    this.notes = ''
  }

  /** Handles a request in this process, after the daemon went away. */
  private async serveDirectly(event: ParseEvent): Promise<boolean> {
    const session = await this.fallbackSession()
    let more = true
    for (const decoded of this.decode(event)) more = await session.handle(decoded)
    if (session.result.fatal) this.fatal = true
    return more
  }

  /** Turns the parser's raw body text into what a protocol session takes. */
  private decode(event: ParseEvent): ParseEvent[] {
    try {
      switch (event.type) {
        case 'bodyStart':
          this.decoder = new Base64Decoder()
          return [event]
        case 'bodyRaw':
          if (!this.decoder) return [] // this body already failed
          return [{ type: 'bodyData', data: this.decoder.write(event.data) }]
        case 'bodyEnd':
          if (!this.decoder) return []
          this.decoder.end()
          this.decoder = undefined
          return [event]
        default:
          return [event]
      }
    } catch (err) {
      this.decoder = undefined
      return [{ type: 'bodyError', message: messageOf(err) }]
    }
  }

  private async hangUp(): Promise<void> {
    this.hangingUp = true
    log(
      'debug',
      `bridge: answered ${this.answeredHere} of ${this.gets} gets from the verified list`
    )
    const socket = this.socket
    const daemonUp = this.daemonUp && socket !== undefined
    if (daemonUp) {
      this.sendNotes(socket)
      socket.end()
      // Answers still owed are relayed as they come.
      if (this.unanswered.size > 0 && !socket.closed) {
        await new Promise(resolve => {
          this.drained = resolve
          socket.once('close', resolve)
        })
      }
    }
    await this.fallback?.settle()
    // Everything is answered: let Go go on now rather than after the daemon's hang-up and
    // Node's teardown. Unless Go sent something unreadable: the daemon answers what came
    // before it as far as it can, then hangs up.
    if (!this.fatal) await this.endOutput()
    if (daemonUp && !socket.closed) await new Promise(resolve => socket.once('close', resolve))
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
      const inFlight = id === undefined ? undefined : this.unanswered.get(id)
      if (!inFlight) {
        // Passing it on would make Go abort the build.
        log('warn', `dropping an answer the daemon should not have sent: ${line.slice(0, 100)}`)
        continue
      }
      if (inFlight.request.Command === 'close') this.hangingUp = true
      this.unanswered.delete(id!)
      if (!inFlight.answered) out += line
    }
    if (out) this.writer.sendLine(out)
    if (this.drained && this.unanswered.size === 0) this.drained()
  }

  /**
   * Answers what the daemon owed: gets miss, and puts are stored here from the body text
   * we kept (Go fails some commands when a put fails, e.g. its package index).
   */
  private daemonLost(reason: string): void {
    this.daemonUp = false
    this.socket?.destroy()
    log('warn', `${reason}; serving this go command from ${this.options.fallbackDir} directly`)
    const puts: InFlight[] = []
    for (const [id, inFlight] of this.unanswered) {
      const command = inFlight.request.Command
      if (inFlight.answered) continue
      if (command === 'get') this.writer.send({ ID: id, Miss: true })
      else if (command === 'close') this.writer.send({ ID: id })
      else if (command === 'put') puts.push(inFlight)
      else this.writer.send({ ID: id, Err: 'go-cache daemon went away' })
    }
    this.unanswered.clear()
    this.enqueue(async () => {
      for (const put of puts) {
        const replay: ParseEvent[] = [{ type: 'request', request: put.request }]
        if (put.body) {
          replay[0] = { type: 'bodyStart', request: put.request }
          for (const data of put.body) replay.push({ type: 'bodyRaw', data })
          // A body still arriving goes on through serveDirectly as the input comes in.
          if (put.bodyDone) replay.push({ type: 'bodyEnd' })
        }
        for (const event of replay) await this.serveDirectly(event)
      }
    })
    // Reading may be paused waiting for the socket to drain, which will never happen now.
    this.input?.resume()
  }

  private async fallbackSession(): Promise<ProtocolSession> {
    if (this.fallback) return this.fallback
    try {
      const [{ LocalStore }, { createCacheHandler }, { newStats }] = await Promise.all([
        import('../store/local-store.js'),
        import('../cache/cache-handler.js'),
        import('../cache/stats.js')
      ])
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
