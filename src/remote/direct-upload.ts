// Bundle and index uploads without the client. @actions/cache saves an entry by copying it
// into its workspace, running tar and zstd into an archive file and sending that through the
// Azure SDK. Here the file streams through a tar writer and Node's zstd encoder (on the
// thread pool) into memory, and goes up in one Put Blob, or in blocks when it is large: the
// same compression, without the copy, the processes and the archive file (about a quarter
// less CPU per upload, BENCHMARKS.md). The entry is the one the client would have made (same
// key, version, archive layout), so the client and the direct download both restore it.

import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import * as zlib from 'node:zlib'
import { sleep } from '../util/sleep.js'
import type { ExtraRequests, UploadResult } from './backend.js'
import { CacheService, ServiceError, zstdEntryVersion } from './cache-service.js'
import { findEntry } from './direct-download.js'
import { readText, request } from './http-request.js'
import { tarArchive } from './tar-archive.js'

/** As the client: one Put Blob up to this size, blocks of (about) this size above it. */
const BLOCK_BYTES = 64 << 20
const ENCODE_CHUNK_BYTES = 1 << 20
/** zstd's own default, which the client's `zstd -T0` uses. */
const ZSTD_LEVEL = 3
const BLOB_TIMEOUT_MS = 10 * 60_000
const AZURE_VERSION = '2024-11-04'
const PUT_ATTEMPTS = 3
const DEFAULT_RETRY_AFTER_MS = 15_000
const FINALIZE_ATTEMPTS = 4
const MAX_FINALIZE_WAIT_MS = 60_000
/** 4xx refusals that say nothing about the request's form: lapsed access, a race, a busy store. */
const TRANSIENT_REFUSALS = [403, 409, 429]

/**
 * The blob store refused a write as malformed (a 4xx other than the transient ones): this
 * path's requests are what it objects to, so the caller should send later uploads another way.
 */
export class BlobWriteRefused extends ServiceError {}

export class DirectUploader {
  private constructor(private readonly service: CacheService) {}

  /** Undefined when this Node cannot encode zstd or the service is not cache service v2. */
  static create(env: NodeJS.ProcessEnv = process.env): DirectUploader | undefined {
    if (typeof zlib.createZstdCompress !== 'function') return undefined
    const service = CacheService.create(env)
    return service && new DirectUploader(service)
  }

  /**
   * Saves `file` as entry `key`, the archive the client would make of `paths` holding it as
   * `member`.
   */
  async upload(
    key: string,
    paths: string[],
    member: string,
    file: string,
    extra?: ExtraRequests
  ): Promise<UploadResult> {
    const version = zstdEntryVersion(paths)
    let created: { ok?: boolean; signed_upload_url?: string; message?: string }
    try {
      created = await this.service.call('CreateCacheEntry', { key, version })
    } catch (err) {
      if (!(err instanceof ServiceError) || ![409, 429].includes(err.status)) throw err
      if (err.status === 429) {
        return { status: 'rate-limited', retryAfterMs: err.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS }
      }
      created = { ok: false, message: err.message }
    }
    if (!created.ok || !created.signed_upload_url) {
      // Entries are immutable: a twin job may have saved (or be saving) the same bytes.
      extra?.()
      const found = await findEntry(this.service, [key], version)
      if (found?.key === key) return { status: 'exists' }
      throw new Error(`the service would not create ${key}: ${created.message ?? 'not ok'}`)
    }
    const size = await sendArchive(new URL(created.signed_upload_url), member, file)
    await this.finalize(key, version, size)
    return { status: 'saved' }
  }

  /**
   * A reservation cannot be taken twice (CreateCacheEntry answers 409 while it is held), so a
   * finalize that fails for a while (a 5xx, a 429, a lost link) is tried again here, as the
   * client's twirp client does, rather than by the uploader from the start.
   */
  private async finalize(key: string, version: string, size: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      let finalized: { ok?: boolean; message?: string }
      try {
        finalized = await this.service.call('FinalizeCacheEntryUpload', {
          key,
          version,
          size_bytes: String(size)
        })
      } catch (err) {
        const service = err instanceof ServiceError ? err : undefined
        const transient = !service || service.status >= 500 || service.status === 429
        if (!transient || attempt >= FINALIZE_ATTEMPTS) throw err
        await sleep(Math.min(service?.retryAfterMs ?? 500 * attempt, MAX_FINALIZE_WAIT_MS))
        continue
      }
      if (finalized.ok) return
      throw new Error(`the service did not finalize ${key}: ${finalized.message ?? 'not ok'}`)
    }
  }
}

/** Archives, compresses and uploads `file`; returns the size of what went up. */
async function sendArchive(url: URL, member: string, file: string): Promise<number> {
  const encoder = zlib.createZstdCompress({
    chunkSize: ENCODE_CHUNK_BYTES,
    params: {
      [zlib.constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL,
      // As the zstd command does: a restore checks the frame's content checksum.
      [zlib.constants.ZSTD_c_checksumFlag]: 1
    }
  })
  const blockIds: string[] = []
  let pending: Buffer[] = []
  let pendingBytes = 0
  let size = 0
  const putBlock = async () => {
    const id = Buffer.from(String(blockIds.length).padStart(8, '0')).toString('base64')
    await put(withQuery(url, `comp=block&blockid=${encodeURIComponent(id)}`), {}, pending)
    blockIds.push(id)
    pending = []
    pendingBytes = 0
  }
  await pipeline(
    Readable.from(tarArchive(member, file)),
    encoder,
    async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) {
        pending.push(chunk)
        pendingBytes += chunk.length
        size += chunk.length
        if (pendingBytes >= BLOCK_BYTES) await putBlock()
      }
    }
  )
  if (blockIds.length === 0) {
    await put(url, { 'x-ms-blob-type': 'BlockBlob' }, pending)
    return size
  }
  if (pendingBytes > 0) await putBlock()
  const list = blockIds.map(id => `<Latest>${id}</Latest>`).join('')
  await put(withQuery(url, 'comp=blocklist'), { 'Content-Type': 'application/xml' }, [
    Buffer.from(`<?xml version="1.0" encoding="utf-8"?><BlockList>${list}</BlockList>`)
  ])
  return size
}

/**
 * The signed URL with more query parameters, appended: rewriting its query through
 * searchParams could change how the signature's parameters are encoded.
 */
function withQuery(url: URL, query: string): URL {
  return new URL(`${url.href}${url.search ? '&' : '?'}${query}`)
}

/** A PUT to the blob store, tried again (as the Azure SDK would) on a 5xx or a lost link. */
async function put(url: URL, headers: Record<string, string>, body: Buffer[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let failure: Error
    try {
      const response = await request(url, {
        method: 'PUT',
        headers: { 'x-ms-version': AZURE_VERSION, ...headers },
        body,
        timeoutMs: BLOB_TIMEOUT_MS
      })
      const text = await readText(response)
      const status = response.statusCode ?? 0
      if (status >= 200 && status <= 299) return
      const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? text.slice(0, 100)
      const message = `blob upload answered HTTP ${status} (${code})`
      const tryAgain = status >= 500 || status === 408 || status < 400
      if (tryAgain) failure = new ServiceError(message, status)
      else if (TRANSIENT_REFUSALS.includes(status)) throw new ServiceError(message, status)
      else throw new BlobWriteRefused(message, status)
    } catch (err) {
      if (err instanceof ServiceError) throw err
      failure = err as Error
    }
    if (attempt >= PUT_ATTEMPTS) throw failure
    await sleep(500 * attempt)
  }
}
