// Reads a tar stream (ustar or POSIX pax, as `tar --posix` writes) and hands the body of
// one member to a file or a sink; every other member is skipped. Only what @actions/cache archives
// need: regular files and directories. Anything else is an error, and the caller falls back.

import { Writable } from 'node:stream'
import type { ByteSink } from './backend.js'

const BLOCK = 512

export class TarFileWriter extends Writable {
  /** The member was in the archive and all of its bytes were written. */
  found = false
  private pending = Buffer.alloc(0)
  /** Bytes of the current member's body still to come, then padding to skip. */
  private bodyLeft = 0
  private padLeft = 0
  private target = false
  private paxBody?: Buffer[]
  private paxNext: Record<string, string> = {}
  private ended = false

  constructor(
    private readonly member: string,
    /** May keep the chunks it is given. */
    private readonly output: ByteSink
  ) {
    super()
  }

  override _write(chunk: Buffer, _: BufferEncoding, done: (err?: Error) => void): void {
    this.consume(chunk).then(() => done(), done)
  }

  override _final(done: (err?: Error) => void): void {
    if (this.bodyLeft > 0 || (!this.ended && this.pending.length > 0)) {
      done(new Error('tar archive ends inside a member'))
    } else done()
  }

  private async consume(chunk: Buffer): Promise<void> {
    let at = 0
    while (at < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - at)
        await this.body(chunk.subarray(at, at + take))
        at += take
        this.bodyLeft -= take
        if (this.bodyLeft === 0) this.endBody()
      } else if (this.padLeft > 0) {
        const skip = Math.min(this.padLeft, chunk.length - at)
        at += skip
        this.padLeft -= skip
      } else if (this.ended) {
        return
      } else {
        const take = Math.min(BLOCK - this.pending.length, chunk.length - at)
        this.pending = Buffer.concat([this.pending, chunk.subarray(at, at + take)])
        at += take
        if (this.pending.length === BLOCK) {
          const header = this.pending
          this.pending = Buffer.alloc(0)
          this.header(header)
        }
      }
    }
  }

  private header(block: Buffer): void {
    if (block.every(byte => byte === 0)) {
      this.ended = true
      return
    }
    const type = String.fromCharCode(block[156] || 48)
    const pax = this.paxNext
    this.paxNext = {}
    const size = pax.size !== undefined ? Number(pax.size) : octal(block.subarray(124, 136))
    const name = pax.path ?? joinName(text(block.subarray(345, 500)), text(block.subarray(0, 100)))
    if (!Number.isSafeInteger(size) || size < 0) throw new Error(`tar member ${name}: bad size`)
    this.target = false
    if (type === 'x' || type === 'g') {
      this.paxBody = type === 'x' ? [] : undefined
    } else if (type === '0' || type === '7') {
      this.target = name.replace(/^\.\//, '') === this.member
    } else if (type !== '5') {
      throw new Error(`tar member ${name} of type ${type} is not supported`)
    }
    this.startBody(size)
  }

  private startBody(size: number): void {
    this.bodyLeft = size
    this.padLeft = (BLOCK - (size % BLOCK)) % BLOCK
    if (size === 0) this.endBody()
  }

  private async body(part: Buffer): Promise<void> {
    if (this.target) {
      await this.output.write(part)
    } else if (this.paxBody) this.paxBody.push(Buffer.from(part))
  }

  private endBody(): void {
    if (this.target) this.found = true
    this.target = false
    if (this.paxBody) {
      this.paxNext = parsePax(Buffer.concat(this.paxBody))
      this.paxBody = undefined
    }
  }
}

/** Pax records: "<length> <key>=<value>\n", the length counting the whole record. */
function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {}
  let at = 0
  while (at < data.length) {
    const space = data.indexOf(0x20, at)
    const length = space < 0 ? 0 : Number(data.subarray(at, space).toString('latin1'))
    if (!length) break
    const record = data.subarray(space + 1, at + length - 1).toString('utf8')
    const eq = record.indexOf('=')
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1)
    at += length
  }
  return out
}

function octal(field: Buffer): number {
  // Base-256 sizes (first byte 0x80) only appear beyond 8 GiB: not a bundle.
  if (field[0] & 0x80) return NaN
  const digits = text(field).trim()
  return digits === '' ? 0 : parseInt(digits, 8)
}

function text(field: Buffer): string {
  const end = field.indexOf(0)
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8')
}

function joinName(prefix: string, name: string): string {
  return prefix ? `${prefix}/${name}` : name
}
