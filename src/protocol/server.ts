// Speaks GOCACHEPROG over one input/output pair (a child's stdio, or one daemon connection).
// It knows nothing of storage: requests go to the handler, answers come back in any order.

import type { Readable, Writable } from 'node:stream'
import { RequestParser, type ParseEvent } from './request-parser.js'
import { ResponseWriter, type HitFields } from './response-writer.js'
import { ANSWERED_COMMAND, GO_COMMANDS, type Request } from './types.js'

export type GetHit = HitFields

/** Receives one put body in order; `finish` publishes it and returns the file Go should use. */
export interface BodySink {
  write(data: Buffer): Promise<void> | void
  finish(): Promise<string>
  abort(): void
}

export type PutRequest = Request & { ActionID: Buffer; OutputID: Buffer }

export interface CacheHandler {
  get(actionID: Buffer): Promise<GetHit | undefined>
  put(request: PutRequest): BodySink
  /** Commands beyond Go's (the daemon's stats and stop); answered with `Data`. */
  extraCommands?: Record<string, (request: Request) => Promise<unknown>>
}

export interface ServeResult {
  /** The peer sent close (Go's clean exit), as opposed to just hanging up. */
  closed: boolean
  /** Set when the input could not be understood; the caller should exit non-zero. */
  fatal?: string
}

export interface SessionOptions {
  log?: (message: string) => void
  /** Called for every request answered with Err and for a fatal stream, for counters. */
  onError?: () => void
}

/** Answers parsed requests through a handler; one per connection. */
export class ProtocolSession {
  private readonly pending = new Set<Promise<void>>()
  private put?: { id: number; sink?: BodySink; refused?: string }
  result: ServeResult = { closed: false }

  constructor(
    private readonly writer: ResponseWriter,
    private readonly handler: CacheHandler,
    private readonly options: SessionOptions = {}
  ) {}

  /** Handles one parser event; false means stop reading (close or a fatal stream). */
  async handle(event: ParseEvent): Promise<boolean> {
    switch (event.type) {
      case 'request':
        if (event.request.Command === 'close') {
          await this.settle()
          this.writer.send({ ID: event.request.ID })
          this.result = { closed: true }
          return false
        }
        if (event.request.Command === ANSWERED_COMMAND && event.request.ActionID) {
          // Already answered by the bridge: only the bookkeeping of a get; an error is moot.
          const noted = this.handler.get(event.request.ActionID)
          this.track(event.request.ID, noted.then(noop, noop))
          return true
        }
        this.track(event.request.ID, this.answer(event.request))
        return true
      case 'bodyStart':
        this.startPut(event.request, event.invalid)
        return true
      case 'bodyData':
        await this.writeBody(event.data)
        return true
      case 'bodyRaw':
        // Only a parser in raw mode emits these, and sessions are never fed by one.
        throw new Error('undecoded body given to a protocol session')
      case 'bodyEnd':
        this.finishPut()
        return true
      case 'bodyError':
        this.log(`put ${this.put?.id ?? '?'}: ${event.message}`)
        if (this.put) {
          this.put.sink?.abort()
          this.fail(this.put.id, event.message)
          this.put = undefined
        }
        return true
      case 'invalid':
        this.log(`request ${event.id}: ${event.message}`)
        this.fail(event.id, event.message)
        return true
      case 'fatal':
        this.log(`protocol error: ${event.message}`)
        this.options.onError?.()
        this.result = { closed: false, fatal: event.message }
        return false
    }
  }

  /** Waits for every answer in progress; drops a put whose body never finished. */
  async settle(): Promise<void> {
    if (this.put?.sink) this.put.sink.abort()
    this.put = undefined
    await Promise.allSettled([...this.pending])
  }

  private startPut(request: Request, invalid: string | undefined): void {
    this.put = { id: request.ID, refused: invalid }
    if (invalid) return
    try {
      this.put.sink = this.handler.put(request as PutRequest)
    } catch (err) {
      this.put.refused = messageOf(err)
    }
  }

  private async writeBody(data: Buffer): Promise<void> {
    const put = this.put
    if (!put?.sink) return
    try {
      await put.sink.write(data)
    } catch (err) {
      put.sink.abort()
      put.sink = undefined
      put.refused = messageOf(err)
    }
  }

  private finishPut(): void {
    const put = this.put
    this.put = undefined
    if (!put) return
    if (!put.sink) return this.fail(put.id, put.refused ?? 'put refused')
    const id = put.id
    this.track(
      id,
      put.sink.finish().then(diskPath => this.writer.send({ ID: id, DiskPath: diskPath }))
    )
  }

  private async answer(req: Request): Promise<void> {
    if (req.Command === 'get') {
      if (!req.ActionID) throw new Error('get without ActionID')
      const hit = await this.handler.get(req.ActionID)
      if (!hit) return this.writer.send({ ID: req.ID, Miss: true })
      return this.writer.sendHit(req.ID, hit)
    }
    if (req.Command === 'put') {
      // A put of 0 bytes has no body line.
      if (!req.ActionID || !req.OutputID) throw new Error('put without ActionID or OutputID')
      const diskPath = await this.handler.put(req as PutRequest).finish()
      return this.writer.send({ ID: req.ID, DiskPath: diskPath })
    }
    const extra = this.handler.extraCommands?.[req.Command]
    if (extra) return this.writer.send({ ID: req.ID, Data: await extra(req) })
    const known = [...GO_COMMANDS, ...Object.keys(this.handler.extraCommands ?? {})]
    throw new Error(`unknown command ${JSON.stringify(req.Command)} (known: ${known.join(', ')})`)
  }

  private track(id: number, work: Promise<void>): void {
    const tracked = work.catch(err => this.fail(id, messageOf(err)))
    this.pending.add(tracked)
    void tracked.finally(() => this.pending.delete(tracked))
  }

  private fail(id: number, message: string): void {
    this.options.onError?.()
    this.writer.send({ ID: id, Err: message })
  }

  private log(message: string): void {
    this.options.log?.(message)
  }
}

export interface ServeOptions extends SessionOptions {
  /** Leave the output open at the end (process.stdout cannot be ended; the exit closes it). */
  keepOutputOpen?: boolean
}

/** Serves one peer until it sends close, hangs up, or sends something unreadable. */
export async function serveConnection(
  input: Readable,
  output: Writable,
  handler: CacheHandler,
  options: ServeOptions = {}
): Promise<ServeResult> {
  const writer = new ResponseWriter(output)
  const session = new ProtocolSession(writer, handler, options)
  const parser = new RequestParser()
  // Go waits for this before sending anything: answer at once, do slow work later.
  writer.send({ ID: 0, KnownCommands: [...GO_COMMANDS] })
  try {
    // Leaving the loop must not destroy the input: on a socket that would drop the close answer.
    const chunks = input.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>
    read: for await (const chunk of chunks) {
      for (const event of parser.push(chunk)) {
        if (!(await session.handle(event))) break read
      }
    }
    if (!session.result.closed && !session.result.fatal) {
      for (const event of parser.end()) await session.handle(event)
    }
  } catch (err) {
    // The peer vanished (EPIPE, reset): nothing left to answer.
    options.log?.(`connection error: ${messageOf(err)}`)
  }
  await session.settle()
  await writer.end(options.keepOutputOpen ?? false)
  return session.result
}

function noop(): void {}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
