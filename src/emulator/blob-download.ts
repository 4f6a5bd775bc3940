// Blob reads: GET (whole or ranged) and HEAD, throttled, with the injected download faults.

import * as fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { etag, type Answer } from './blob-answer.js'
import type { Context } from './context.js'
import type { Fault } from './faults.js'
import { writeChunk } from './http-util.js'
import { sleep } from './throttle.js'

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
  const forced = ctx.faults.take('download-reset', 'download-truncate', 'download-expire')
  if (forced) return forced
  if (ctx.faults.roll(ctx.knobs.downloadResetRate)) return { kind: 'download-reset' }
  if (ctx.faults.roll(ctx.knobs.downloadTruncateRate)) return { kind: 'download-truncate' }
  return undefined
}

function countCut(ctx: Context, fault: Fault): void {
  const injected = ctx.stats.injected
  if (fault.kind === 'download-reset') injected.downloadResets++
  else if (fault.kind === 'download-truncate') injected.downloadTruncations++
  else injected.downloadExpiries++
}

export async function serveBlob(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  answer: Answer,
  blob: string,
  headOnly: boolean,
  /** Makes the URL of this request expired from now on (the `download-expire` fault). */
  expireUrl: () => void
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
  if (fault?.kind === 'download-expire') expireUrl()
  if (fault && fault.kind !== 'download-truncate' && fault.afterBytes === 0) {
    countCut(ctx, fault)
    req.socket.resetAndDestroy()
    ctx.log(`blob get: injected ${fault.kind} before the response`)
    return
  }
  answer.head(range ? 206 : 200, {
    'Content-Length': length,
    'Content-Type': 'application/octet-stream',
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    'Accept-Ranges': 'bytes',
    ETag: etag(stat.mtimeMs),
    'Last-Modified': stat.mtime.toUTCString(),
    // Blobs are written once, so created = last modified, and mtime follows the emulator's
    // clock (stamped when written) where birthtime would follow the real one.
    'x-ms-creation-time': stat.mtime.toUTCString(),
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
  countCut(ctx, fault)
  if (fault.kind === 'download-truncate') {
    // end() sends what is buffered, then a clean FIN, short of the promised Content-Length.
    socket.end()
  } else {
    // Hand the bytes already written to the kernel first, or the reset would discard them.
    for (let i = 0; i < 200 && socket.writableLength > 0 && !socket.destroyed; i++) await sleep(10)
    socket.resetAndDestroy()
  }
  ctx.log(`blob get: injected ${fault.kind} after ${sent} of ${length} bytes`)
}
