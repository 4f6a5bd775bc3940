// Bundle downloads without the client's subprocesses. @actions/cache restores an entry by
// running `zstd --version`, saving the archive to disk and running tar with unzstd over it:
// 0.3–1 s per bundle, spent on the same two cores go compiles on, while go waits for the
// bundle. Here the signed URL's body streams through Node's zstd decoder and a small tar
// reader straight into the bundle file. Whatever this path does not expect (a Node without
// zstd, an entry saved with gzip, an unusual archive) answers 'fallback', and the client
// does the download its usual way. Uploads have their own path (direct-upload.ts).

import * as fs from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import * as zlib from 'node:zlib'
import type { ByteSink } from './backend.js'
import { CacheService, ServiceError, zstdEntryVersion } from './cache-service.js'
import { request } from './http-request.js'
import { TarFileWriter } from './tar-file-writer.js'

const BLOB_TIMEOUT_MS = 10 * 60_000
/**
 * The decoder's output buffer. At zlib's 16 KiB a GiB of bundles is ~65k chunks, each a
 * stream callback, a file write and a hash update on the daemon's thread: measured on a
 * 288 MB bundle, 256 KiB halves the CPU of the download (2.6 → 1.3 s); 1 MiB gains no more.
 */
const DECODE_CHUNK_BYTES = 256 << 10

/**
 * What a direct download came to: the entry's key; `absent` when the service has no entry
 * under the zstd version (final wherever the client saves with zstd); `fallback` when there is
 * one this path cannot read (an archive without the member).
 */
export type DirectResult =
  { kind: 'found'; key: string } | { kind: 'absent' } | { kind: 'fallback' }

export class DirectDownloader {
  private constructor(private readonly service: CacheService) {}

  /** Undefined when this Node cannot decode zstd or the service is not cache service v2. */
  static create(env: NodeJS.ProcessEnv = process.env): DirectDownloader | undefined {
    if (typeof zlib.createZstdDecompress !== 'function') return undefined
    const service = CacheService.create(env)
    return service && new DirectDownloader(service)
  }

  /**
   * Fetches the `member` of the entry the client saved from `paths` under the newest key
   * starting with the first of `keys`, else with a later one (as restore keys do), into a file
   * or, as its bytes arrive, into a sink.
   */
  async download(
    keys: string[],
    paths: string[],
    member: string,
    into: string | ByteSink
  ): Promise<DirectResult> {
    const found = await findEntry(this.service, keys, zstdEntryVersion(paths))
    if (!found) return { kind: 'absent' }
    const { url, key } = found
    const response = await request(new URL(url), { timeoutMs: BLOB_TIMEOUT_MS })
    if (response.statusCode !== 200) {
      response.resume()
      throw new ServiceError(`bundle download answered HTTP ${response.statusCode}`)
    }
    const output = typeof into === 'string' ? await fs.open(into, 'w') : undefined
    const sink: ByteSink = output
      ? { write: async chunk => void (await output.write(chunk)) }
      : (into as ByteSink)
    const tar = new TarFileWriter(member, sink)
    try {
      await pipeline(response, zlib.createZstdDecompress({ chunkSize: DECODE_CHUNK_BYTES }), tar)
    } finally {
      await output?.close()
    }
    return tar.found ? { kind: 'found', key } : { kind: 'fallback' }
  }
}

/**
 * The newest entry of `version` whose key starts with the first of `keys` that has one, and a
 * signed URL to read it.
 */
export async function findEntry(
  service: CacheService,
  keys: string[],
  version: string
): Promise<{ url: string; key: string } | undefined> {
  const [key, ...restoreKeys] = keys
  const body = await service.call<{
    ok?: boolean
    signed_download_url?: string
    matched_key?: string
  }>('GetCacheEntryDownloadURL', { key, restore_keys: restoreKeys, version })
  const matched = body.matched_key
  if (!body.ok || !matched || !body.signed_download_url) return undefined
  // Only what was asked for: the service matches every key as a prefix, as the client does.
  if (!keys.some(prefix => matched.startsWith(prefix))) return undefined
  return { url: body.signed_download_url, key: matched }
}
