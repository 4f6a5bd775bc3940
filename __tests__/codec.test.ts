import { describe, expect, it } from '@jest/globals'
import { Base64Decoder } from '../src/protocol/base64-decoder.js'
import { RequestParser, type ParseEvent } from '../src/protocol/request-parser.js'
import { encodeResponse } from '../src/protocol/types.js'
import { actionId, closeLine, getLine, putLine, sha256 } from './helpers/protocol.js'

/** Collapses body chunks so streams split differently compare equal. */
function normalize(events: ParseEvent[]): unknown[] {
  const out: unknown[] = []
  for (const e of events) {
    const last = out[out.length - 1] as { type: string; data: Buffer } | undefined
    if (e.type === 'bodyData' && last?.type === 'bodyData') {
      last.data = Buffer.concat([last.data, e.data])
    } else {
      out.push(e.type === 'bodyData' ? { type: 'bodyData', data: Buffer.from(e.data) } : e)
    }
  }
  return out
}

function parseAll(input: string | Buffer, splits: number[] = []): unknown[] {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input)
  const parser = new RequestParser()
  const events: ParseEvent[] = []
  let pos = 0
  for (const at of [...splits, buf.length]) {
    events.push(...parser.push(buf.subarray(pos, at)))
    pos = at
  }
  events.push(...parser.end())
  return normalize(events)
}

const body = Buffer.from('hello, build cache\n'.repeat(50))

describe('RequestParser framing', () => {
  it('parses a get with the blank line Go writes after it', () => {
    const events = parseAll(getLine(1, actionId(1)))
    expect(events).toEqual([
      {
        type: 'request',
        request: { ID: 1, Command: 'get', ActionID: actionId(1), OutputID: undefined, BodySize: 0 }
      }
    ])
  })

  it('streams a put body and checks its length', () => {
    const events = parseAll(putLine(7, actionId(7), body))
    expect(events).toHaveLength(3)
    expect(events[0]).toMatchObject({
      type: 'bodyStart',
      request: { ID: 7, BodySize: body.length }
    })
    expect((events[0] as { request: { OutputID: Buffer } }).request.OutputID).toEqual(sha256(body))
    expect(events[1]).toEqual({ type: 'bodyData', data: body })
    expect(events[2]).toEqual({ type: 'bodyEnd' })
  })

  it('has no body line for a put of zero bytes', () => {
    const events = parseAll(putLine(2, actionId(2), Buffer.alloc(0)) + getLine(3, actionId(3)))
    expect(events.map(e => (e as { type: string }).type)).toEqual(['request', 'request'])
    expect(events[0]).toMatchObject({ request: { Command: 'put', BodySize: 0 } })
  })

  it('accepts ObjectID, the name Go 1.21-1.23 used for the output id', () => {
    const events = parseAll(putLine(4, actionId(4), body, 'ObjectID'))
    expect((events[0] as { request: { OutputID: Buffer } }).request.OutputID).toEqual(sha256(body))
  })

  it('parses pipelined requests in order, close included', () => {
    const stream =
      getLine(1, actionId(1)) +
      putLine(2, actionId(2), body) +
      getLine(3, actionId(3)) +
      closeLine(4)
    const types = parseAll(stream).map(e => (e as { type: string }).type)
    expect(types).toEqual(['request', 'bodyStart', 'bodyData', 'bodyEnd', 'request', 'request'])
  })

  it('gives the same events whatever the chunk boundaries', () => {
    const parts: string[] = []
    for (let i = 0; i < 30; i++) {
      const data = Buffer.alloc(i * 37 + (i % 3), i)
      parts.push(i % 2 ? getLine(i, actionId(i)) : putLine(i, actionId(i), data))
    }
    parts.push(closeLine(99))
    const stream = Buffer.from(parts.join(''))
    // Compared as text: deep equality of many Buffers is slow in jest.
    const digest = (splits: number[] = []) => JSON.stringify(parseAll(stream, splits))
    const whole = digest()
    expect(whole).toContain('bodyData')
    let seed = 12345
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let round = 0; round < 200; round++) {
      const count = 1 + Math.floor(random() * 40)
      const splits = Array.from({ length: count }, () => Math.floor(random() * stream.length)).sort(
        (a, b) => a - b
      )
      expect(digest(splits)).toBe(whole)
    }
    // Byte at a time: the worst split of all.
    expect(digest(Array.from({ length: stream.length }, (_, i) => i))).toBe(whole)
  })

  it('decodes a large body in bounded pieces', () => {
    const big = Buffer.alloc(8 << 20)
    for (let i = 0; i < big.length; i += 4096) big[i] = i & 0xff
    const parser = new RequestParser()
    const stream = Buffer.from(putLine(1, actionId(1), big))
    let largest = 0
    let total = 0
    for (let pos = 0; pos < stream.length; pos += 65536) {
      for (const e of parser.push(stream.subarray(pos, pos + 65536))) {
        if (e.type === 'bodyData') {
          largest = Math.max(largest, e.data.length)
          total += e.data.length
        }
      }
    }
    expect(total).toBe(big.length)
    expect(largest).toBeLessThanOrEqual(65536)
  })
})

describe('RequestParser boundaries', () => {
  it('is at a boundary only between whole requests', () => {
    const parser = new RequestParser()
    parser.rawBodies = true
    const get = Buffer.from(getLine(1, actionId(1)))
    const put = Buffer.from(putLine(2, actionId(2), body))
    expect(parser.atBoundary()).toBe(true)
    parser.push(get.subarray(0, 10))
    expect(parser.atBoundary()).toBe(false)
    parser.push(get.subarray(10))
    expect(parser.atBoundary()).toBe(true)
    const bodyLineStart = put.indexOf('\n"') + 1
    parser.push(put.subarray(0, bodyLineStart + 5))
    expect(parser.atBoundary()).toBe(false)
    parser.push(put.subarray(bodyLineStart + 5, put.length - 1))
    expect(parser.atBoundary()).toBe(false)
    parser.push(put.subarray(put.length - 1))
    expect(parser.atBoundary()).toBe(true)
  })
})

describe('RequestParser malformed input', () => {
  it('stops on a line that is not JSON', () => {
    expect(parseAll('{"ID":1,"Command":"get"\n\n')).toEqual([
      { type: 'fatal', message: expect.stringContaining('not JSON') }
    ])
  })

  it('stops on a request without an ID', () => {
    expect(parseAll('{"Command":"get"}\n\n')).toEqual([
      { type: 'fatal', message: expect.stringContaining('no integer ID') }
    ])
  })

  it('stops when a body size cannot be trusted', () => {
    expect(parseAll('{"ID":1,"Command":"put","BodySize":-4}\n\n')).toEqual([
      { type: 'fatal', message: expect.stringContaining('invalid BodySize') }
    ])
  })

  it('refuses a request with a missing or short ActionID but keeps going', () => {
    const stream =
      JSON.stringify({ ID: 1, Command: 'get', ActionID: 'AAAA' }) + '\n\n' + getLine(2, actionId(2))
    const events = parseAll(stream)
    expect(events[0]).toEqual({
      type: 'invalid',
      id: 1,
      message: expect.stringContaining('3 bytes')
    })
    expect(events[1]).toMatchObject({ type: 'request', request: { ID: 2 } })
  })

  it('reports a missing Command as invalid', () => {
    const events = parseAll(JSON.stringify({ ID: 5 }) + '\n\n')
    expect(events).toEqual([{ type: 'invalid', id: 5, message: 'missing Command' }])
  })

  it('consumes the body of a put with bad fields so the next request still parses', () => {
    const stream =
      JSON.stringify({ ID: 1, Command: 'put', ActionID: 'bad!', BodySize: 3 }) +
      '\n\n"YWJj"\n' +
      getLine(2, actionId(2))
    const events = parseAll(stream)
    expect(events[0]).toMatchObject({ type: 'bodyStart', invalid: 'ActionID is not base64' })
    expect(events[events.length - 1]).toMatchObject({ type: 'request', request: { ID: 2 } })
  })

  it('reports bad base64 in a body and recovers at the next line', () => {
    const good = putLine(1, actionId(1), Buffer.from('abc'))
    const bad = good.replace('"YWJj"', '"YW*j"')
    const events = parseAll(bad + getLine(2, actionId(2)))
    expect(events).toContainEqual({
      type: 'bodyError',
      message: expect.stringContaining('not valid base64')
    })
    expect(events[events.length - 1]).toMatchObject({ type: 'request', request: { ID: 2 } })
  })

  it('reports a body shorter than BodySize', () => {
    const stream = putLine(1, actionId(1), body).replace(
      /BodySize":\d+/,
      `BodySize":${body.length + 3}`
    )
    const events = parseAll(stream + getLine(2, actionId(2)))
    expect(events).toContainEqual({
      type: 'bodyError',
      message: expect.stringContaining('shorter than BodySize')
    })
    expect(events[events.length - 1]).toMatchObject({ type: 'request', request: { ID: 2 } })
  })

  it('reports a body longer than BodySize', () => {
    const stream = putLine(1, actionId(1), body).replace(
      /BodySize":\d+/,
      `BodySize":${body.length - 4}`
    )
    expect(parseAll(stream)).toContainEqual({
      type: 'bodyError',
      message: expect.stringContaining('longer than BodySize')
    })
  })

  it('reports a body line that is not a string', () => {
    const stream =
      JSON.stringify({
        ID: 1,
        Command: 'put',
        ActionID: actionId(1).toString('base64'),
        OutputID: actionId(1).toString('base64'),
        BodySize: 3
      }) +
      '\n\n{"x":1}\n' +
      getLine(2, actionId(2))
    const events = parseAll(stream)
    expect(events).toContainEqual({
      type: 'bodyError',
      message: expect.stringContaining('expected the base64 body')
    })
    expect(events[events.length - 1]).toMatchObject({ type: 'request', request: { ID: 2 } })
  })

  it('reports input that ends inside a body', () => {
    const stream = putLine(1, actionId(1), body)
    const cut = stream.slice(0, stream.length - 20)
    expect(parseAll(cut)).toContainEqual({
      type: 'bodyError',
      message: expect.stringContaining('ended in the middle')
    })
  })
})

describe('Base64Decoder', () => {
  it('decodes across arbitrary splits', () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff))
    const text = Buffer.from(data.toString('base64'))
    for (const step of [1, 2, 3, 5, 7, 64, 999]) {
      const d = new Base64Decoder()
      const parts: Buffer[] = []
      for (let i = 0; i < text.length; i += step) parts.push(d.write(text.subarray(i, i + step)))
      parts.push(d.end())
      expect(Buffer.concat(parts)).toEqual(data)
    }
  })

  it('rejects data after padding and a truncated quad', () => {
    expect(() => new Base64Decoder().write(Buffer.from('QQ==QQ=='))).toThrow('after padding')
    const d = new Base64Decoder()
    d.write(Buffer.from('QUJD' + 'QQ'))
    expect(() => d.end()).toThrow('trailing')
  })

  it("rejects what Node's own decoder would let through", () => {
    // Node reads base64url's letters as + and /, and skips other bytes.
    expect(() => new Base64Decoder().write(Buffer.from('QQ-_'))).toThrow('byte 0x2d after data')
    expect(() => new Base64Decoder().write(Buffer.from('QU*JDQQ=='))).toThrow('byte 0x2a')
    // Padding in the middle of a chunk, and data after a padded quad split across chunks.
    expect(() => new Base64Decoder().write(Buffer.from('QQ==QUJD'))).toThrow('after padding')
    const d = new Base64Decoder()
    d.write(Buffer.from('QQ='))
    d.write(Buffer.from('='))
    expect(() => d.write(Buffer.from('QUJD'))).toThrow('data after padding')
    // Go's encoder leaves the bits past the data zero; Node would decode 'QR==' as 'A'.
    expect(() => new Base64Decoder().write(Buffer.from('QR=='))).toThrow('not canonical')
  })
})

describe('encodeResponse', () => {
  it('writes one line with base64 ids and an RFC 3339 time', () => {
    const line = encodeResponse({
      ID: 3,
      OutputID: sha256('x'),
      Size: 12,
      Time: new Date('2026-01-02T03:04:05.006Z'),
      DiskPath: '/tmp/o/ab'
    })
    expect(line.endsWith('\n')).toBe(true)
    expect(line.indexOf('\n')).toBe(line.length - 1)
    expect(JSON.parse(line)).toEqual({
      ID: 3,
      OutputID: sha256('x').toString('base64'),
      Size: 12,
      Time: '2026-01-02T03:04:05.006Z',
      DiskPath: '/tmp/o/ab'
    })
  })

  it('writes a miss and an error as Go expects them', () => {
    expect(encodeResponse({ ID: 1, Miss: true })).toBe('{"ID":1,"Miss":true}\n')
    expect(encodeResponse({ ID: 2, Err: 'boom' })).toBe('{"ID":2,"Err":"boom"}\n')
  })
})
