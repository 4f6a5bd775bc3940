// Faults and limits, and what the real @actions/cache client does with each: which it
// retries (and after how long), which make restoreCache give up and saveCache return -1.

import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { request, startHarness, twirp, type Harness } from './helpers/emulator.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.emulator.close())
beforeEach(() => h.emulator.clearFaults())

const MiB = 1 << 20

/** Saves 1 MiB of random bytes under key in dir; returns the dir. */
async function saved(dir: string, key: string): Promise<string> {
  const full = h.writeDir(dir, { 'r.bin': randomBytes(MiB) })
  expect((await h.save([full], key)).result).toBeGreaterThan(0)
  return full
}

async function restoreInto(dir: string, key: string) {
  fs.rmSync(dir, { recursive: true, force: true })
  const started = performance.now()
  const out = await h.restore([dir], key)
  return { ...out, ms: performance.now() - started }
}

describe('twirp API faults', () => {
  test('a 500 is retried after about 3 s, and the restore succeeds', async () => {
    const dir = await saved('api500', 'api500')
    h.emulator.injectFault({ kind: 'api:GetCacheEntryDownloadURL', count: 1 })
    const restored = await restoreInto(dir, 'api500')
    expect(restored.result).toBe('api500')
    expect(restored.ms).toBeGreaterThanOrEqual(2900)
    expect(restored.output).toContain(
      'Attempt 1 of 5 failed with error: Failed request: (500) Internal Server Error: injected fault (500). Retrying request in 3000 ms...'
    )
    expect(h.emulator.stats().statusByOperation.GetCacheEntryDownloadURL).toMatchObject({
      500: 1
    })
  })

  test('a non-retryable status (501) fails the save at once: -1', async () => {
    const dir = h.writeDir('api501', { f: 'x' })
    h.emulator.injectFault({ kind: 'api:CreateCacheEntry', status: 501 })
    const out = await h.save([dir], 'api501')
    expect(out.result).toBe(-1)
    expect(out.output).toContain('Failed to save: Unable to reserve cache with key api501')
  })

  test('the rate limit answers 429 with Retry-After; the client gives up (-1)', async () => {
    h.as({ ref: 'refs/heads/main', repo: 'rate/limited' })
    h.emulator.configure({ rateLimitPerMinute: 2 })
    try {
      const dir = h.writeDir('rate', { f: 'x' })
      const before = h.emulator.stats()
      expect((await h.save([dir], 'rate-1')).result).toBeGreaterThan(0)
      expect((await h.save([dir], 'rate-2')).result).toBeGreaterThan(0)
      const third = await h.save([dir], 'rate-3')
      expect(third.result).toBe(-1)
      // The client read Retry-After: it warns with the seconds, and does not retry.
      expect(third.output).toMatch(
        /::warning::You've hit a rate limit, your rate limit will reset in \d+ seconds/
      )
      const after = h.emulator.stats()
      expect(after.rateLimited).toBe(before.rateLimited + 1)
      expect(after.api.CreateCacheEntry).toBe(before.api.CreateCacheEntry + 3)
      const token = h.emulator.token({ ref: 'refs/heads/main', repo: 'rate/limited' })
      const raw = await twirp(
        h.emulator,
        'CreateCacheEntry',
        { key: 'rate-4', version: 'v' },
        token
      )
      expect([raw.status, raw.json.code]).toEqual([429, 'resource_exhausted'])
      expect(Number(raw.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      expect(Number(raw.headers.get('retry-after'))).toBeLessThanOrEqual(60)
      // Other repositories have their own budget.
      expect((await h.save([dir], 'rate-other')).result).toBe(-1)
      h.as({ ref: 'refs/heads/main', repo: 'rate/other' })
      expect((await h.save([dir], 'rate-other')).result).toBeGreaterThan(0)
    } finally {
      h.emulator.configure({ rateLimitPerMinute: 200 })
      h.as('refs/heads/main')
    }
  })

  test('rateLimitWindowMs and retryAfterSeconds shorten a rate-limit storm to seconds', async () => {
    h.as({ ref: 'refs/heads/main', repo: 'rate/window' })
    h.emulator.configure({ rateLimitPerMinute: 2, rateLimitWindowMs: 2000 })
    const token = h.emulator.token({ ref: 'refs/heads/main', repo: 'rate/window' })
    const create = (key: string) =>
      twirp(h.emulator, 'CreateCacheEntry', { key, version: 'v' }, token)
    try {
      const dir = h.writeDir('window', { f: 'x' })
      const first = Date.now()
      expect((await h.save([dir], 'window-1')).result).toBeGreaterThan(0)
      expect((await h.save([dir], 'window-2')).result).toBeGreaterThan(0)
      // Full: Retry-After is the time until the 2 s window admits again, not a minute.
      const refused = await h.save([dir], 'window-3')
      expect(refused.result).toBe(-1)
      expect(refused.output).toMatch(/your rate limit will reset in [12] seconds/)
      const raw = await create('window-raw')
      expect(raw.status).toBe(429)
      expect(Number(raw.headers.get('retry-after'))).toBeLessThanOrEqual(2)
      // retryAfterSeconds caps it: a service that says "1 s" while still full.
      h.emulator.configure({ retryAfterSeconds: 1 })
      expect((await create('window-raw')).headers.get('retry-after')).toBe('1')
      // Once the window has moved past the first two creations, saves go through again.
      await new Promise(resolve => setTimeout(resolve, first + 2100 - Date.now()))
      expect((await h.save([dir], 'window-3')).result).toBeGreaterThan(0)
      // An injected 429 says retryAfterSeconds, and the client passes it on.
      h.emulator.configure({ retryAfterSeconds: 7 })
      h.emulator.injectFault({ kind: 'api:CreateCacheEntry', status: 429 })
      const injected = await h.save([dir], 'window-4')
      expect(injected.result).toBe(-1)
      expect(injected.output).toContain(
        "::warning::You've hit a rate limit, your rate limit will reset in 7 seconds"
      )
    } finally {
      h.emulator.configure({ rateLimitPerMinute: 200, rateLimitWindowMs: 60_000 })
      h.emulator.configure({ retryAfterSeconds: 60 })
      h.as('refs/heads/main')
    }
  })
})

describe('blob faults', () => {
  test('a 503 on upload is retried at once by the Azure SDK; the save succeeds', async () => {
    const dir = h.writeDir('put503', { f: 'x' })
    h.emulator.resetStats()
    h.emulator.injectFault({ kind: 'blob-put' })
    expect((await h.save([dir], 'put503')).result).toBeGreaterThan(0)
    const stats = h.emulator.stats()
    expect(stats.blob.putBlob).toBe(2)
    expect(stats.statusByOperation.putBlob).toEqual({ 201: 1, 503: 1 })
    expect(stats.injected.blobErrors).toBe(1)
  })

  test('a failed upload holds its key until the upload URL expires', async () => {
    const dir = h.writeDir('put400', { f: 'x' })
    h.emulator.configure({ urlExpiryMs: 500 }) // URLs expire on whole seconds: within 1.5 s
    try {
      h.emulator.injectFault({ kind: 'blob-put', status: 400 })
      const failed = await h.save([dir], 'put400')
      expect(failed.result).toBe(-1)
      expect(failed.output).toContain('::warning::Failed to save:')
      expect((await h.save([dir], 'put400')).result).toBe(-1) // 409: reserved
      await new Promise(resolve => setTimeout(resolve, 1600))
      expect((await h.save([dir], 'put400')).result).toBeGreaterThan(0)
    } finally {
      h.emulator.configure({ urlExpiryMs: 600_000 })
    }
  })

  test('a 500 on download is not retried: the restore fails', async () => {
    const dir = await saved('get500', 'get500')
    h.emulator.injectFault({ kind: 'blob-get', status: 500 })
    const restored = await restoreInto(dir, 'get500')
    expect(restored.result).toBeUndefined()
    expect(restored.output).toContain(
      '::warning::Failed to restore: downloadCache failed: Cache service responded with 500'
    )
  })

  test('a 503 on download is retried after 5 s, and the restore succeeds', async () => {
    const dir = await saved('get503', 'get503')
    h.emulator.resetStats()
    h.emulator.injectFault({ kind: 'blob-get' })
    const restored = await restoreInto(dir, 'get503')
    expect(restored.result).toBe('get503')
    expect(restored.ms).toBeGreaterThanOrEqual(4900)
    expect(h.emulator.stats().statusByOperation.get).toEqual({ 200: 1, 503: 1 })
  })

  test('a reset before the response is retried after 5 s, and the restore succeeds', async () => {
    const dir = await saved('reset0', 'reset0')
    h.emulator.resetStats()
    h.emulator.injectFault({ kind: 'download-reset', afterBytes: 0 })
    const restored = await restoreInto(dir, 'reset0')
    expect(restored.result).toBe('reset0')
    expect(restored.ms).toBeGreaterThanOrEqual(4900)
    expect(h.emulator.stats().blob.get).toBe(2)
    expect(h.emulator.stats().injected.downloadResets).toBe(1)
  })

  test('a reset halfway through the body fails the restore, without retry', async () => {
    const dir = await saved('reset-mid', 'reset-mid')
    h.emulator.resetStats()
    h.emulator.injectFault({ kind: 'download-reset' })
    const restored = await restoreInto(dir, 'reset-mid')
    expect(restored.result).toBeUndefined()
    expect(restored.output).toContain('::warning::Failed to restore: aborted')
    expect(h.emulator.stats().blob.get).toBe(1)
    expect(h.emulator.stats().injected.downloadResets).toBe(1)
    expect(fs.existsSync(path.join(dir, 'r.bin'))).toBe(false)
  })

  test('a truncated body fails the restore, without retry', async () => {
    const dir = await saved('truncated', 'truncated')
    h.emulator.resetStats()
    h.emulator.injectFault({ kind: 'download-truncate', afterBytes: 1000 })
    const restored = await restoreInto(dir, 'truncated')
    expect(restored.result).toBeUndefined()
    // Node's HTTP client reports the short body as "aborted" before the client's own length check.
    expect(restored.output).toContain('::warning::Failed to restore: aborted')
    const stats = h.emulator.stats()
    expect([stats.blob.get, stats.injected.downloadTruncations]).toEqual([1, 1])
    expect(stats.bytesDownloaded).toBe(1000)
  })
  test('download-expire cuts the body and expires its URL; a fresh URL still works', async () => {
    const dir = await saved('expire-mid', 'expire-mid')
    h.emulator.resetStats()
    h.emulator.injectFault({ kind: 'download-expire', afterBytes: 1000 })
    const failed = await restoreInto(dir, 'expire-mid')
    expect(failed.result).toBeUndefined()
    expect(failed.output).toContain('::warning::Failed to restore: aborted')
    // A second restore asks the service again, gets a new URL and succeeds.
    const again = await restoreInto(dir, 'expire-mid')
    expect(again.result).toBe('expire-mid')
    const stats = h.emulator.stats()
    expect(stats.api.GetCacheEntryDownloadURL).toBe(2)
    expect(stats.statusByOperation.get).toEqual({ 200: 2 })
    expect(stats.injected.downloadExpiries).toBe(1)
    expect(stats.sasRefused).toBe(0)

    // The same URL after the cut is refused the way Azure refuses an expired SAS.
    const version = h.emulator.entries().find(e => e.key === 'expire-mid')!.version
    const url = (
      await twirp(h.emulator, 'GetCacheEntryDownloadURL', { key: 'expire-mid', version })
    ).json.signed_download_url as string
    h.emulator.injectFault({ kind: 'download-expire', afterBytes: 1000 })
    await expect(request(url)).rejects.toThrow()
    const retried = await request(url)
    expect(retried.status).toBe(403)
    expect(retried.headers.get('x-ms-error-code')).toBe('AuthenticationFailed')
    expect(retried.text).toContain('Signed expiry time')
    expect(h.emulator.stats().sasRefused).toBe(1)
  })

  test('download-expire before the answer: the client retries the same URL and gets 403', async () => {
    const dir = await saved('expire-0', 'expire-0')
    h.emulator.resetStats()
    h.emulator.injectFault({ kind: 'download-expire', afterBytes: 0 })
    const restored = await restoreInto(dir, 'expire-0')
    // The reset is retried after 5 s with the same URL; the 403's XML body is taken for the
    // archive and tar fails on it.
    expect(restored.result).toBeUndefined()
    expect(restored.ms).toBeGreaterThanOrEqual(4900)
    expect(restored.output).toContain('::warning::Failed to restore:')
    const stats = h.emulator.stats()
    expect(stats.statusByOperation.get).toEqual({ 403: 1 })
    expect([stats.blob.get, stats.sasRefused, stats.injected.downloadExpiries]).toEqual([2, 1, 1])
    expect(fs.existsSync(path.join(dir, 'r.bin'))).toBe(false)
  })
})

describe('random faults', () => {
  test('the same seed gives the same faults', async () => {
    const created = await twirp(h.emulator, 'CreateCacheEntry', { key: 'seeded', version: 'v' })
    const upload = created.json.signed_upload_url as string
    await fetch(upload, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'x' })
    await twirp(h.emulator, 'FinalizeCacheEntryUpload', {
      key: 'seeded',
      version: 'v',
      size_bytes: '1'
    })
    const url = (
      await twirp(h.emulator, 'GetCacheEntryDownloadURL', { key: 'seeded', version: 'v' })
    ).json.signed_download_url as string
    const sequence = async () => {
      h.emulator.configure({ seed: 42, blobErrorRate: 0.5 })
      const statuses: number[] = []
      for (let i = 0; i < 24; i++) statuses.push((await request(url)).status)
      h.emulator.configure({ blobErrorRate: 0 })
      return statuses
    }
    const first = await sequence()
    expect(await sequence()).toEqual(first)
    const failures = first.filter(s => s === 503).length
    expect(failures).toBeGreaterThan(4)
    expect(failures).toBeLessThan(20)
  })
})

test('the counters add up', async () => {
  h.as({ ref: 'refs/heads/main', repo: 'counted/repo' })
  h.emulator.resetStats()
  const sizes: number[] = []
  for (const key of ['c-1', 'c-2', 'c-3']) {
    await saved('counted', key)
    sizes.push(h.emulator.entries().find(e => e.key === key && e.repo === 'counted/repo')!.size)
  }
  const dir = path.join(h.workspace, 'counted')
  expect((await restoreInto(dir, 'c-1')).result).toBe('c-1')
  expect((await restoreInto(dir, 'c-3')).result).toBe('c-3')
  expect((await restoreInto(dir, 'c-none')).result).toBeUndefined()
  const s = h.emulator.stats()
  expect(s.api).toEqual({
    CreateCacheEntry: 3,
    FinalizeCacheEntryUpload: 3,
    GetCacheEntryDownloadURL: 3,
    unknownMethod: 0
  })
  expect(s.blob).toMatchObject({ putBlob: 3, putBlock: 0, putBlockList: 0, get: 2 })
  expect([s.entriesCreated, s.cacheHits, s.cacheMisses]).toEqual([3, 2, 1])
  expect(s.bytesUploaded).toBe(sizes[0] + sizes[1] + sizes[2])
  expect(s.bytesDownloaded).toBe(sizes[0] + sizes[2])
  const requests = Object.values(s.api).reduce((a, b) => a + b, 0) + s.blob.putBlob + s.blob.get
  expect(Object.values(s.status).reduce((a, b) => a + b, 0)).toBe(requests)
  expect(s.status).toEqual({ 200: 9 + 2, 201: 3 })
  h.as('refs/heads/main')
})
