// How the blob endpoints answer: Azure's request headers on every response, and Azure's XML
// error bodies with x-ms-error-code.

import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { Context } from './context.js'
import { SAS_VERSION } from './signing.js'
import { countStatus, type BlobOp } from './stats.js'

export function etag(mtimeMs: number): string {
  return `"0x8D${Math.round(mtimeMs * 1000)
    .toString(16)
    .toUpperCase()}"`
}

export class Answer {
  private readonly requestId = randomUUID()

  constructor(
    private readonly ctx: Context,
    private readonly res: ServerResponse,
    private readonly op: BlobOp
  ) {}

  head(status: number, headers: Record<string, string | number> = {}): void {
    countStatus(this.ctx.stats, this.op, status)
    this.res.writeHead(status, {
      'x-ms-request-id': this.requestId,
      'x-ms-version': SAS_VERSION,
      Date: new Date(this.ctx.now()).toUTCString(),
      ...headers
    })
  }

  ok(status: number, headers: Record<string, string | number> = {}): void {
    this.head(status, { 'Content-Length': 0, ...headers })
    this.res.end()
  }

  error(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    const text =
      '<?xml version="1.0" encoding="utf-8"?><Error>' +
      `<Code>${code}</Code><Message>${message}\nRequestId:${this.requestId}\n` +
      `Time:${new Date(this.ctx.now()).toISOString()}</Message></Error>`
    this.head(status, {
      'Content-Type': 'application/xml',
      'Content-Length': Buffer.byteLength(text),
      'x-ms-error-code': code,
      ...headers
    })
    this.res.end(text)
    this.ctx.log(`blob ${this.op} ${status} ${code}`)
  }
}
