// The blob side: block uploads past 128 MiB, signed URL checks, ranged reads, and the
// latency and bandwidth knobs, through the real client where it is the one talking.

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { putBlob, request, startHarness, twirp, type Harness } from './helpers/emulator.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.emulator.close())

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const result = await fn()
  return [result, performance.now() - start]
}

/** Creates and finalizes an entry holding body with raw calls; returns its download URL. */
async function rawEntry(key: string, body: Buffer): Promise<string> {
  const created = await twirp(h.emulator, 'CreateCacheEntry', { key, version: 'raw' })
  expect((await putBlob(created.json.signed_upload_url as string, body)).status).toBe(201)
  const size = String(body.length)
  await twirp(h.emulator, 'FinalizeCacheEntryUpload', { key, version: 'raw', size_bytes: size })
  const found = await twirp(h.emulator, 'GetCacheEntryDownloadURL', { key, version: 'raw' })
  return found.json.signed_download_url as string
}

test('an archive over 128 MiB goes up as blocks and comes back whole', async () => {
  const dir = path.join(h.workspace, 'big')
  fs.mkdirSync(dir)
  const file = path.join(dir, 'random.bin')
  // Random bytes do not compress, so the archive stays above the 128 MiB single-shot limit.
  const fd = fs.openSync(file, 'w')
  for (let i = 0; i < 130; i++) fs.writeSync(fd, randomBytes(1 << 20))
  fs.closeSync(fd)
  const digest = sha256(file)
  h.emulator.resetStats()

  const saved = await h.save([dir], 'big')
  expect(saved.result).toBeGreaterThan(0)
  const stats = h.emulator.stats()
  const size = h.emulator.entries().find(e => e.key === 'big')!.size
  expect(size).toBeGreaterThan(128 * 2 ** 20)
  // @actions/cache stages 64 MiB blocks, then commits the list.
  expect(stats.blob).toMatchObject({ putBlob: 0, putBlock: Math.ceil(size / 2 ** 26) })
  expect(stats.blob.putBlockList).toBe(1)
  expect(stats.statusByOperation.putBlockList).toEqual({ 201: 1 })
  expect(stats.bytesUploaded).toBe(size)

  fs.rmSync(dir, { recursive: true })
  const restored = await h.restore([dir], 'big')
  expect(restored.result).toBe('big')
  expect(sha256(file)).toBe(digest)
  expect(h.emulator.stats().bytesDownloaded).toBe(size)
  fs.rmSync(dir, { recursive: true })
})

describe('signed URLs', () => {
  test('an upload URL issued expired is refused (403) and the save returns -1', async () => {
    const dir = h.writeDir('exp-up', { f: 'x' })
    h.emulator.injectFault({ kind: 'expired-url' })
    const before = h.emulator.stats()
    const saved = await h.save([dir], 'expired-upload')
    expect(saved.result).toBe(-1)
    expect(saved.output).toContain('::warning::Failed to save:')
    expect(saved.output).toContain('Signed expiry time')
    const after = h.emulator.stats()
    expect(after.sasRefused).toBe(before.sasRefused + 1)
    expect(after.injected.expiredUrls).toBe(before.injected.expiredUrls + 1)
    expect(after.api.FinalizeCacheEntryUpload).toBe(before.api.FinalizeCacheEntryUpload)
    // The dead reservation does not block the key: the next save takes it over.
    expect((await h.save([dir], 'expired-upload')).result).toBeGreaterThan(0)
  })

  test('a download URL issued expired gets 403; the client fails the restore', async () => {
    const dir = h.writeDir('exp-down', { f: 'x' })
    expect((await h.save([dir], 'expired-download')).result).toBeGreaterThan(0)
    fs.rmSync(dir, { recursive: true })
    h.emulator.injectFault({ kind: 'expired-url' })
    const before = h.emulator.stats().statusByOperation.get?.['403'] ?? 0
    const restored = await h.restore([dir], 'expired-download')
    // The client takes the 403's XML body for the archive; tar then fails on it.
    expect(restored.result).toBeUndefined()
    expect(restored.output).toContain('::warning::Failed to restore:')
    expect(h.emulator.stats().statusByOperation.get['403']).toBe(before + 1)
    expect((await h.restore([dir], 'expired-download')).result).toBe('expired-download')
  })

  test('a tampered signature, or a download URL used to write, is refused', async () => {
    const url = new URL(await rawEntry('tamper', Buffer.from('0123456789')))
    expect((await request(url.href)).text).toBe('0123456789')
    const tampered = new URL(url)
    tampered.searchParams.set('se', '2099-01-01T00:00:00Z')
    const refused = await request(tampered.href)
    expect(refused.status).toBe(403)
    expect(refused.headers.get('x-ms-error-code')).toBe('AuthenticationFailed')
    expect(refused.text).toContain('<Code>AuthenticationFailed</Code>')
    const write = await putBlob(url.href, 'overwrite')
    expect([write.status, write.headers.get('x-ms-error-code')]).toEqual([
      403,
      'AuthorizationPermissionMismatch'
    ])
  })
})

test('downloads honour Range and x-ms-range; HEAD gives the size', async () => {
  const url = await rawEntry('ranges', Buffer.from('0123456789'))
  const part = await request(url, { headers: { Range: 'bytes=2-5' } })
  expect([part.status, part.text, part.headers.get('content-range')]).toEqual([
    206,
    '2345',
    'bytes 2-5/10'
  ])
  const tail = await request(url, { headers: { 'x-ms-range': 'bytes=-3' } })
  expect([tail.status, tail.text]).toEqual([206, '789'])
  const open = await request(url, { headers: { Range: 'bytes=7-' } })
  expect(open.text).toBe('789')
  const beyond = await request(url, { headers: { Range: 'bytes=10-' } })
  expect([beyond.status, beyond.headers.get('content-range')]).toEqual([416, 'bytes */10'])
  const head = await request(url, { method: 'HEAD' })
  expect([head.status, head.headers.get('content-length')]).toEqual([200, '10'])
  expect(head.headers.get('x-ms-blob-type')).toBe('BlockBlob')
})

describe('speed knobs', () => {
  test('blob bandwidth slows saves and restores in proportion', async () => {
    const dir = h.writeDir('bw', { 'r.bin': randomBytes(1 << 20) })
    const run = async (bytesPerSec: number, key: string) => {
      h.emulator.configure({ blobBandwidthBytesPerSec: bytesPerSec })
      const [saved, up] = await timed(() => h.save([dir], key))
      expect(saved.result).toBeGreaterThan(0)
      const [restored, down] = await timed(() => h.restore([dir], key))
      expect(restored.result).toBe(key)
      return { up, down }
    }
    try {
      const slow = await run(1 << 20, 'bw-slow') // about 1 s each way
      const fast = await run(4 << 20, 'bw-fast') // about 0.25 s each way
      expect(slow.up).toBeGreaterThan(900)
      expect(slow.down).toBeGreaterThan(900)
      // The throttle adds ~0.75 s more at 1 MiB/s than at 4 MiB/s; tar and zstd add the same
      // (load-dependent) time to both, so compare differences, not ratios.
      expect(slow.up - fast.up).toBeGreaterThan(500)
      expect(slow.down - fast.down).toBeGreaterThan(500)
    } finally {
      h.emulator.configure({ blobBandwidthBytesPerSec: 0 })
    }
  })

  test('API latency is added to each twirp call', async () => {
    const dir = path.join(h.workspace, 'latency')
    const miss = async (ms: number) => {
      h.emulator.configure({ apiLatencyMs: ms })
      const [restored, took] = await timed(() => h.restore([dir], 'no-such-key'))
      expect(restored.result).toBeUndefined()
      return took
    }
    try {
      await miss(0) // the client's first call pays for one-time set-up
      // The client's own time varies with the machine's load (a ratio failed once in CI at
      // 1.79), so take the quicker of two tries and compare differences: a miss is one call,
      // so 400 ms against 100 ms must add about 300 ms.
      const quicker = async (ms: number) => Math.min(await miss(ms), await miss(ms))
      const short = await quicker(100)
      const long = await quicker(400)
      expect(short).toBeGreaterThanOrEqual(100)
      expect(long).toBeGreaterThanOrEqual(400)
      expect(long - short).toBeGreaterThan(200)
    } finally {
      h.emulator.configure({ apiLatencyMs: 0 })
    }
  })
})
