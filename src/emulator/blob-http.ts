// The Azure Blob endpoints behind the signed URLs the twirp API hands out: routing, URL checks,
// injected errors, and the writes BlockBlobClient.uploadFile makes (Put Blob, Put Block, Put
// Block List). Reads are in blob-download.ts.

import type { IncomingMessage, ServerResponse } from 'node:http'
import { Answer, etag } from './blob-answer.js'
import { serveBlob } from './blob-download.js'
import type { Context } from './context.js'
import { BodyTooLarge, drain, readBody } from './http-util.js'
import { ACCOUNT, CONTAINER, checkSas, type SasRefusal } from './signing.js'
import type { BlobOp } from './stats.js'

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

/** Azure's answer to a SAS past its expiry, for a URL a `download-expire` fault expired. */
function expiredEarly(query: URLSearchParams, nowMs: number): SasRefusal {
  return {
    code: 'AuthenticationFailed',
    message: `Signed expiry time [${query.get('se')}] must be after signed start time [${new Date(nowMs).toISOString()}]`
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
  const signature = url.searchParams.get('sig') ?? ''
  const refusal =
    checkSas(ctx.secret, blob, url.searchParams, reading ? 'r' : 'cw', ctx.now()) ??
    (ctx.expiredSignatures.has(signature) ? expiredEarly(url.searchParams, ctx.now()) : undefined)
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
  if (reading) {
    return serveBlob(ctx, req, res, answer, blob, op === 'head', () =>
      ctx.expiredSignatures.add(signature)
    )
  }

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
      const mtime = ctx.blobs.stamp(blob, ctx.now())
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
  const mtime = ctx.blobs.stamp(blob, ctx.now())
  answer.ok(201, {
    ETag: etag(mtime),
    'Last-Modified': new Date(mtime).toUTCString(),
    'x-ms-request-server-encrypted': 'true'
  })
}
