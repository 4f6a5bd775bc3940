// Incremental parser for the request stream Go writes to a GOCACHEPROG child.
//
// Framing, as cmd/go writes it: a JSON object and '\n', then an empty line; for a put with
// BodySize > 0 one more line follows holding the body as a JSON string of base64. The parser
// is fed arbitrary chunks (pipes and sockets split anywhere) and returns events in order.
// Bodies are decoded as they arrive so a large one never sits in memory whole.

import { ID_BYTES, type Request } from './types.js'
import { Base64Decoder } from './base64-decoder.js'

export type ParseEvent =
  /** A complete request without a body (get, close, put of 0 bytes, unknown commands). */
  | { type: 'request'; request: Request }
  /** A put whose body follows; `invalid` says why it will be refused once consumed. */
  | { type: 'bodyStart'; request: Request; invalid?: string }
  | { type: 'bodyData'; data: Buffer }
  /** With `rawBodies`: a piece of the body's base64 text, undecoded (slices of the input). */
  | { type: 'bodyRaw'; data: Buffer }
  | { type: 'bodyEnd' }
  /** The body could not be read; the put must be answered with an error. */
  | { type: 'bodyError'; message: string }
  /** A request that names an ID but cannot be served (missing or malformed fields). */
  | { type: 'invalid'; id: number; message: string }
  /** The stream cannot be understood any further. */
  | { type: 'fatal'; message: string }

const NEWLINE = 0x0a
const QUOTE = 0x22
const MAX_HEADER_BYTES = 1 << 20

type State = 'header' | 'beforeBody' | 'body' | 'afterBody' | 'skipLine' | 'dead'

export class RequestParser {
  /** Report bodies as base64 text without decoding them (the bridge relays them as they are). */
  rawBodies = false
  private state: State = 'header'
  private headerParts: Buffer[] = []
  private headerBytes = 0
  private decoder = new Base64Decoder()
  private bodyExpected = 0
  private bodySeen = 0

  /** Parses one chunk; the returned events refer to this and earlier chunks only. */
  push(chunk: Buffer): ParseEvent[] {
    const events: ParseEvent[] = []
    let pos = 0
    while (pos < chunk.length && this.state !== 'dead') {
      switch (this.state) {
        case 'header':
          pos = this.readHeader(chunk, pos, events)
          break
        case 'beforeBody':
          pos = this.skipToBody(chunk, pos, events)
          break
        case 'body':
          pos = this.readBody(chunk, pos, events)
          break
        case 'afterBody':
        case 'skipLine':
          pos = this.skipLine(chunk, pos)
          break
      }
    }
    return events
  }

  /** True between requests: nothing of a request has been read that is not yet reported. */
  atBoundary(): boolean {
    return this.state === 'header' && this.headerBytes === 0
  }

  /** Called when the input ends; reports a request cut off in the middle. */
  end(): ParseEvent[] {
    if (this.state === 'body' || this.state === 'beforeBody') {
      this.state = 'dead'
      return [{ type: 'bodyError', message: 'input ended in the middle of a put body' }]
    }
    if (this.state === 'header' && this.headerBytes > 0) {
      const text = Buffer.concat(this.headerParts).toString('utf8').trim()
      this.headerParts = []
      this.headerBytes = 0
      if (text !== '') return this.parseHeader(text)
    }
    return []
  }

  private readHeader(chunk: Buffer, pos: number, events: ParseEvent[]): number {
    const nl = chunk.indexOf(NEWLINE, pos)
    const end = nl < 0 ? chunk.length : nl
    if (end > pos) {
      this.headerParts.push(chunk.subarray(pos, end))
      this.headerBytes += end - pos
    }
    if (this.headerBytes > MAX_HEADER_BYTES) {
      this.state = 'dead'
      events.push({ type: 'fatal', message: `request line longer than ${MAX_HEADER_BYTES} bytes` })
      return chunk.length
    }
    if (nl < 0) return chunk.length
    const line =
      this.headerParts.length === 1 ? this.headerParts[0] : Buffer.concat(this.headerParts)
    this.headerParts = []
    this.headerBytes = 0
    const text = line.toString('utf8').trim()
    if (text !== '') events.push(...this.parseHeader(text))
    return nl + 1
  }

  private parseHeader(text: string): ParseEvent[] {
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch {
      this.state = 'dead'
      return [{ type: 'fatal', message: `request is not JSON: ${preview(text)}` }]
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      this.state = 'dead'
      return [{ type: 'fatal', message: `request is not a JSON object: ${preview(text)}` }]
    }
    const obj = raw as Record<string, unknown>
    if (!Number.isSafeInteger(obj.ID)) {
      this.state = 'dead'
      return [{ type: 'fatal', message: `request has no integer ID: ${preview(text)}` }]
    }
    const id = obj.ID as number
    const bodySize = obj.BodySize ?? 0
    if (!Number.isSafeInteger(bodySize) || (bodySize as number) < 0) {
      // Without a trustworthy size we cannot know whether a body line follows.
      this.state = 'dead'
      return [{ type: 'fatal', message: `request ${id} has an invalid BodySize: ${preview(text)}` }]
    }
    const request: Request = {
      ID: id,
      Command: typeof obj.Command === 'string' ? obj.Command : '',
      BodySize: bodySize as number
    }
    const problems: string[] = []
    request.ActionID = decodeId(obj.ActionID, 'ActionID', problems)
    // Go 1.21-1.23 called the output id ObjectID.
    request.OutputID = decodeId(obj.OutputID ?? obj.ObjectID, 'OutputID', problems)
    if (typeof obj.Command !== 'string') problems.push('missing Command')

    if (request.Command === 'put' && request.BodySize > 0) {
      this.state = 'beforeBody'
      this.bodyExpected = request.BodySize
      this.bodySeen = 0
      this.decoder = new Base64Decoder()
      const invalid = problems.length > 0 ? problems.join('; ') : undefined
      return [{ type: 'bodyStart', request, invalid }]
    }
    if (problems.length > 0) return [{ type: 'invalid', id, message: problems.join('; ') }]
    return [{ type: 'request', request }]
  }

  private skipToBody(chunk: Buffer, pos: number, events: ParseEvent[]): number {
    while (pos < chunk.length) {
      const c = chunk[pos]
      if (c === QUOTE) {
        this.state = 'body'
        return pos + 1
      }
      if (c !== NEWLINE && c !== 0x0d && c !== 0x20 && c !== 0x09) {
        events.push({ type: 'bodyError', message: 'expected the base64 body string after a put' })
        this.state = 'skipLine'
        return pos
      }
      pos++
    }
    return pos
  }

  private readBody(chunk: Buffer, pos: number, events: ParseEvent[]): number {
    const quote = chunk.indexOf(QUOTE, pos)
    const end = quote < 0 ? chunk.length : quote
    if (this.rawBodies) {
      if (end > pos) events.push({ type: 'bodyRaw', data: chunk.subarray(pos, end) })
      if (quote < 0) return end
      events.push({ type: 'bodyEnd' })
      this.state = 'afterBody'
      return quote + 1
    }
    let data: Buffer
    try {
      data = this.decoder.write(chunk.subarray(pos, end))
      if (quote >= 0) data = concatNonEmpty(data, this.decoder.end())
    } catch (err) {
      events.push({ type: 'bodyError', message: (err as Error).message })
      this.state = quote >= 0 ? 'afterBody' : 'skipLine'
      return quote >= 0 ? quote + 1 : end
    }
    this.bodySeen += data.length
    if (this.bodySeen > this.bodyExpected) {
      events.push({ type: 'bodyError', message: `body longer than BodySize ${this.bodyExpected}` })
      this.state = quote >= 0 ? 'afterBody' : 'skipLine'
      return quote >= 0 ? quote + 1 : end
    }
    if (data.length > 0) events.push({ type: 'bodyData', data })
    if (quote < 0) return end
    if (this.bodySeen < this.bodyExpected) {
      events.push({
        type: 'bodyError',
        message: `body shorter than BodySize: got ${this.bodySeen} of ${this.bodyExpected} bytes`
      })
    } else {
      events.push({ type: 'bodyEnd' })
    }
    this.state = 'afterBody'
    return quote + 1
  }

  /** Discards the rest of the current line (after a body, or after a broken one). */
  private skipLine(chunk: Buffer, pos: number): number {
    const nl = chunk.indexOf(NEWLINE, pos)
    if (nl < 0) return chunk.length
    this.state = 'header'
    return nl + 1
  }
}

function decodeId(value: unknown, name: string, problems: string[]): Buffer | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
    problems.push(`${name} is not base64`)
    return undefined
  }
  const buf = Buffer.from(value, 'base64')
  if (buf.length !== ID_BYTES) {
    problems.push(`${name} is ${buf.length} bytes, want ${ID_BYTES}`)
    return undefined
  }
  return buf
}

function concatNonEmpty(a: Buffer, b: Buffer): Buffer {
  if (b.length === 0) return a
  if (a.length === 0) return b
  return Buffer.concat([a, b])
}

function preview(text: string): string {
  return text.length > 120 ? JSON.stringify(text.slice(0, 120)) + '…' : JSON.stringify(text)
}
