// The Azure Blob operations the client's upload (BlockBlobClient.uploadFile) and download
// (plain GET, or ranged reads) use, behind the signed URLs the twirp API hands out.

import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Context } from './context.js'
import type { Fault } from './faults.js'
import { BodyTooLarge, drain, readBody, writeChunk } from './http-util.js'
import { ACCOUNT, CONTAINER, SAS_VERSION, checkSas } from './signing.js'
import { countStatus, type BlobOp } from './stats.js'
import { sleep } from './throttle.js'

export const BLOB_PREFIX = `/${ACCOUNT}/${CONTAINER}/`

const BLOB_NAME = /^[0-9a-f]{32}$/
const MAX_BLOCK_ID_BYTES = 64
const MAX_BLOCK_LIST_BYTES = 8 << 20

function operation(method: string | undefined, comp: string | null): BlobOp {
  if (method === 'PUT') {
    if (comp === null) return 'putBlob'
    if (comp === 'block') return 'putBlock'
    if (comp === 'blocklist') return 'putBlockList'
  }
  if (method === 'GET' && comp === null) return 'get'
  if (method === 'HEAD' && comp === null) return 'head'
  return 'other'
}

function etag(mtimeMs: number): string {
  return `"0x8D${Math.round(mtimeMs * 1000)
    .toString(16)
    .toUpperCase()}"`
}

class Answer {
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
      Date: new Date().toUTCString(),
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
      `Time:${new Date().toISOString()}</Message></Error>`
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

export async function handleBlob(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL
): Promise<void> {
  const op = operation(req.method, url.searchParams.get('comp'))
  ctx.stats.blob[op]++
  const answer = new Answer(ctx, res, op)
  const blob = url.pathname.slice(BLOB_PREFIX.length)
  const refuse = async (status: number, code: string, message: string) => {
    await drain(req)
    answer.error(status, code, message)
  }
  if (op === 'other') {
    return refuse(400, 'UnsupportedHttpVerb', `the emulator serves no ${req.method} here`)
  }
  if (!BLOB_NAME.test(blob))
    return refuse(404, 'BlobNotFound', 'The specified blob does not exist.')
  const reading = op === 'get' || op === 'head'
  const refusal = checkSas(ctx.secret, blob, url.searchParams, reading ? 'r' : 'cw')
  if (refusal) {
    ctx.stats.sasRefused++
    return refuse(403, refusal.code, refusal.message)
  }
  const fault = ctx.faults.take(reading ? 'blob-get' : 'blob-put')
  if (fault || ctx.faults.roll(ctx.knobs.blobErrorRate)) {
    ctx.stats.injected.blobErrors++
    const status = fault?.status ?? 503
    const code = status === 503 ? 'ServerBusy' : status >= 500 ? 'InternalError' : 'InjectedFault'
    return refuse(status, code, `Injected fault (${status}).`)
  }
  if (reading) return serveBlob(ctx, req, res, answer, blob, op === 'head')

  if (ctx.index.isCommitted(blob)) {
    return refuse(409, 'BlobImmutableDueToPolicy', 'The cache entry is finalized and immutable.')
  }
  if (!ctx.index.isReserved(blob)) {
    return refuse(403, 'AuthenticationFailed', 'The upload this URL was issued for is over.')
  }
  const pace = async (n: number) => {
    await ctx.uploadLink.take(n)
    ctx.stats.bytesUploaded += n
  }
  try {
    if (op === 'putBlob') {
      if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
        return refuse(400, 'MissingRequiredHeader', 'x-ms-blob-type: BlockBlob is required.')
      }
      const got = await ctx.blobs.putBlob(blob, req, pace)
      const mtime = Date.now()
      return answer.ok(201, {
        ETag: etag(mtime),
        'Last-Modified': new Date(mtime).toUTCString(),
        'Content-MD5': got.md5.toString('base64'),
        'x-ms-request-server-encrypted': 'true'
      })
    }
    if (op === 'putBlock') {
      const blockId = url.searchParams.get('blockid') ?? ''
      const raw = Buffer.from(blockId, 'base64')
      if (!blockId || raw.length > MAX_BLOCK_ID_BYTES || raw.toString('base64') !== blockId) {
        return refuse(
          400,
          'InvalidQueryParameterValue',
          'blockid must be base64, at most 64 bytes.'
        )
      }
      const got = await ctx.blobs.putBlock(blob, blockId, req, pace)
      return answer.ok(201, {
        'Content-MD5': got.md5.toString('base64'),
        'x-ms-request-server-encrypted': 'true'
      })
    }
    return await putBlockList(ctx, req, answer, blob)
  } catch (err) {
    // Usually the client hung up mid-upload; the temp file is already gone.
    ctx.log(`blob ${op} failed: ${(err as Error).message}`)
    if (!res.headersSent && !res.destroyed) {
      answer.error(400, 'InvalidInput', (err as Error).message)
    }
  }
}

async function putBlockList(ctx: Context, req: IncomingMessage, answer: Answer, blob: string) {
  let xml: string
  try {
    xml = (await readBody(req, MAX_BLOCK_LIST_BYTES)).toString('utf8')
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      return answer.error(413, 'RequestBodyTooLarge', 'The block list is too large.')
    }
    throw err
  }
  if (!/<BlockList>[\s\S]*<\/BlockList>/.test(xml)) {
    return answer.error(400, 'InvalidXmlDocument', 'The block list is not a <BlockList> document.')
  }
  const ids = [...xml.matchAll(/<(Latest|Uncommitted|Committed)>\s*([^<]*?)\s*<\/\1>/g)].map(
    m => m[2]
  )
  const done = await ctx.blobs.commitBlocks(blob, ids)
  if ('missing' in done) {
    return answer.error(400, 'InvalidBlockList', `Block ${done.missing} was not staged.`)
  }
  const mtime = Date.now()
  answer.ok(201, {
    ETag: etag(mtime),
    'Last-Modified': new Date(mtime).toUTCString(),
    'x-ms-request-server-encrypted': 'true'
  })
}

/** Parses `bytes=a-b`, `bytes=a-` or `bytes=-n`; null for no range, undefined if unsatisfiable. */
function parseRange(header: string | undefined, size: number): [number, number] | null | undefined {
  if (!header) return null
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === '')) return undefined
  let start: number
  let end: number
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]))
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  }
  return start <= end && start < size ? [start, end] : undefined
}

function downloadFault(ctx: Context): Fault | undefined {
  const forced = ctx.faults.take('download-reset', 'download-truncate')
  if (forced) return forced
  if (ctx.faults.roll(ctx.knobs.downloadResetRate)) return { kind: 'download-reset' }
  if (ctx.faults.roll(ctx.knobs.downloadTruncateRate)) return { kind: 'download-truncate' }
  return undefined
}

async function serveBlob(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  answer: Answer,
  blob: string,
  headOnly: boolean
): Promise<void> {
  let stat: fs.Stats
  try {
    stat = fs.statSync(ctx.blobs.path(blob))
  } catch {
    return answer.error(404, 'BlobNotFound', 'The specified blob does not exist.')
  }
  const size = stat.size
  const rangeHeader = req.headers['x-ms-range'] ?? req.headers.range
  const range = parseRange(Array.isArray(rangeHeader) ? rangeHeader[0] : rangeHeader, size)
  if (range === undefined) {
    return answer.error(416, 'InvalidRange', 'The range specified is invalid.', {
      'Content-Range': `bytes */${size}`
    })
  }
  const [start, end] = range ?? [0, size - 1]
  const length = end - start + 1
  const fault = headOnly ? undefined : downloadFault(ctx)
  if (fault?.kind === 'download-reset' && fault.afterBytes === 0) {
    ctx.stats.injected.downloadResets++
    req.socket.resetAndDestroy()
    return
  }
  answer.head(range ? 206 : 200, {
    'Content-Length': length,
    'Content-Type': 'application/octet-stream',
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    'Accept-Ranges': 'bytes',
    ETag: etag(stat.mtimeMs),
    'Last-Modified': stat.mtime.toUTCString(),
    'x-ms-creation-time': stat.birthtime.toUTCString(),
    'x-ms-blob-type': 'BlockBlob',
    'x-ms-lease-state': 'available',
    'x-ms-lease-status': 'unlocked',
    'x-ms-server-encrypted': 'true'
  })
  if (headOnly || length === 0) return void res.end()

  const cutoff = fault ? Math.min(fault.afterBytes ?? Math.floor(length / 2), length - 1) : length
  let sent = 0
  const input = fs.createReadStream(ctx.blobs.path(blob), {
    start,
    end,
    highWaterMark: ctx.downloadLink.chunkSize()
  })
  try {
    for await (const data of input) {
      const chunk = (data as Buffer).subarray(0, cutoff - sent)
      await ctx.downloadLink.take(chunk.length)
      if (!(await writeChunk(res, chunk))) return
      sent += chunk.length
      ctx.stats.bytesDownloaded += chunk.length
      if (sent >= cutoff) break
    }
  } finally {
    input.destroy()
  }
  if (!fault) return void res.end()
  const socket = req.socket
  if (fault.kind === 'download-reset') {
    // Hand the bytes already written to the kernel first, or the reset would discard them.
    for (let i = 0; i < 200 && socket.writableLength > 0 && !socket.destroyed; i++) await sleep(10)
    ctx.stats.injected.downloadResets++
    socket.resetAndDestroy()
  } else {
    // end() sends what is buffered, then a clean FIN, short of the promised Content-Length.
    ctx.stats.injected.downloadTruncations++
    socket.end()
  }
  ctx.log(`blob get: injected ${fault.kind} after ${sent} of ${length} bytes`)
}
