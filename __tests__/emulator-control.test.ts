// The /_emulator/ control endpoints, and the bundled CLI entry (dist/emulator/index.js).

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { putBlob, request, startHarness, twirp, type Harness } from './helpers/emulator.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

let h: Harness
let base: string
beforeAll(async () => {
  h = await startHarness()
  base = `${h.emulator.url}_emulator/`
})
afterAll(() => h.emulator.close())

function post(name: string, body: unknown, method = 'POST') {
  return request(base + name, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  })
}

describe('config', () => {
  test('GET shows the knobs; POST changes some of them', async () => {
    const shown = await request(base + 'config')
    expect(shown.json).toEqual(h.emulator.knobs())
    expect(shown.json).toMatchObject({
      rateLimitPerMinute: 200,
      rateLimitWindowMs: 60_000,
      retryAfterSeconds: 60,
      urlExpiryMs: 600_000
    })
    const changed = await post('config', { apiLatencyMs: 5, downloadResetRate: 0.25 })
    expect(changed.status).toBe(200)
    expect(changed.json).toMatchObject({ apiLatencyMs: 5, downloadResetRate: 0.25 })
    expect(h.emulator.knobs()).toMatchObject({ apiLatencyMs: 5, downloadResetRate: 0.25 })
    h.emulator.configure({ apiLatencyMs: 0, downloadResetRate: 0 })
  })

  test('unknown knobs and bad values are refused with 400, changing nothing', async () => {
    const before = h.emulator.knobs()
    const bad = [
      { latency: 5 },
      { apiErrorRate: 2 },
      { apiLatencyMs: -1 },
      [1],
      { rateLimitWindowMs: 0 },
      { retryAfterSeconds: 1.5 }
    ]
    for (const body of bad) {
      const res = await post('config', body)
      expect(res.status).toBe(400)
      expect(typeof res.json.error).toBe('string')
    }
    expect(h.emulator.knobs()).toEqual(before)
    expect(() => h.emulator.configure({ seed: Number.NaN })).toThrow('seed')
  })
})

test('stats, reset-stats and entries', async () => {
  const created = await twirp(h.emulator, 'CreateCacheEntry', { key: 'ctl', version: 'v' })
  await putBlob(created.json.signed_upload_url as string, 'abcd')
  await twirp(h.emulator, 'FinalizeCacheEntryUpload', { key: 'ctl', version: 'v', size_bytes: 4 })
  const stats = await request(base + 'stats')
  expect(stats.json).toEqual(h.emulator.stats())
  expect(stats.json).toMatchObject({ entriesCreated: 1, bytesUploaded: 4 })
  const entries = await request(base + 'entries')
  expect(entries.json).toEqual([
    {
      id: 1,
      repo: 'owner/repo',
      scope: 'refs/heads/main',
      key: 'ctl',
      version: 'v',
      size: 4,
      created: expect.any(String),
      lastAccess: expect.any(String)
    }
  ])
  const reset = await post('reset-stats', {})
  expect(reset.json).toMatchObject({ entriesCreated: 0, bytesUploaded: 0, status: {} })
  expect(h.emulator.stats().api.CreateCacheEntry).toBe(0)
})

test('faults can be queued, listed and cleared over HTTP', async () => {
  const queued = await post('faults', [
    { kind: 'blob-get', count: 2, status: 500 },
    { kind: 'api:CreateCacheEntry' }
  ])
  expect(queued.json).toEqual([
    { kind: 'blob-get', count: 2, status: 500 },
    { kind: 'api:CreateCacheEntry', count: 1 }
  ])
  const failed = await twirp(h.emulator, 'CreateCacheEntry', { key: 'f', version: 'v' })
  expect([failed.status, failed.json.code]).toEqual([500, 'internal'])
  expect((await request(base + 'faults')).json).toEqual([
    { kind: 'blob-get', count: 2, status: 500 }
  ])
  expect((await post('faults', { kind: 'disk-full' })).status).toBe(400)
  expect((await post('faults', {}, 'DELETE')).json).toEqual([])
  expect(h.emulator.pendingFaults()).toEqual([])
})

test('tokens can be minted over HTTP', async () => {
  const res = await post('token', { ref: 'refs/heads/dev', repo: 'other/repo' })
  const token = res.json.token as string
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())
  expect(JSON.parse(claims.ac)).toEqual([
    { Scope: 'refs/heads/dev', Permission: 3 },
    { Scope: 'refs/heads/main', Permission: 1 }
  ])
  const call = await twirp(
    h.emulator,
    'GetCacheEntryDownloadURL',
    { key: 'k', version: 'v' },
    token
  )
  expect(call.json).toMatchObject({ ok: false })
  expect((await post('token', {})).status).toBe(400)
  expect((await request(base + 'nothing')).status).toBe(404)
})

test('the bundled CLI serves, prints its environment, applies flags and stops on SIGTERM', async () => {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'dist/emulator/index.js'),
      '--api-latency-ms',
      '7',
      '--rate-limit-per-minute',
      '3',
      '--rate-limit-window-ms',
      '2000',
      '--retry-after-seconds',
      '2'
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let stdout = ''
  child.stdout.on('data', d => (stdout += d))
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
  let stderr = ''
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', d => {
      stderr += d
      if (/ACTIONS_RUNTIME_TOKEN=\S+\n/.test(stderr)) resolve()
    })
    child.on('exit', () => reject(new Error(`emulator exited: ${stderr}`)))
  })
  try {
    const url = /^emulator listening (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(stderr)?.[1]
    expect(url).toBeDefined()
    expect(stderr).toContain(`ACTIONS_RESULTS_URL=${url}\n`)
    expect(stderr).toContain('ACTIONS_CACHE_SERVICE_V2=true\n')
    const config = await request(`${url}_emulator/config`)
    expect(config.json).toMatchObject({
      apiLatencyMs: 7,
      rateLimitPerMinute: 3,
      rateLimitWindowMs: 2000,
      retryAfterSeconds: 2
    })
    const token = /^ACTIONS_RUNTIME_TOKEN=(\S+)$/m.exec(stderr)![1]
    const res = await fetch(
      `${url}twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ key: 'cli', version: 'v' })
      }
    )
    expect(res.status).toBe(200)
  } finally {
    child.kill('SIGTERM')
  }
  expect(await exited).toBe(0)
  expect(stdout).toBe('')
})

describe('evict', () => {
  test('entry: gone for lookups; blob: still listed, its download answers 404', async () => {
    const a = h.writeDir('evict-a', { f: 'one' })
    const b = h.writeDir('evict-b', { f: 'two' })
    expect((await h.save([a], 'evict-entry-a')).result).toBeGreaterThan(0)
    expect((await h.save([b], 'evict-blob-b')).result).toBeGreaterThan(0)

    expect((await post('evict', { key: 'evict-entry-' })).json).toEqual({ evicted: 1 })
    expect(h.emulator.entries().some(e => e.key === 'evict-entry-a')).toBe(false)
    expect((await h.restore([a], 'evict-entry-a')).result).toBeUndefined()

    expect((await post('evict', { key: 'evict-blob-', how: 'blob' })).json).toEqual({
      evicted: 1
    })
    expect(h.emulator.entries().some(e => e.key === 'evict-blob-b')).toBe(true)
    const version = h.emulator.entries().find(e => e.key === 'evict-blob-b')!.version
    const lookup = await twirp(h.emulator, 'GetCacheEntryDownloadURL', {
      key: 'evict-blob-b',
      version
    })
    expect(lookup.json).toMatchObject({ ok: true, matched_key: 'evict-blob-b' })
    expect((await request(lookup.json.signed_download_url as string)).status).toBe(404)

    for (const bad of [{}, { key: 'x', how: 'later' }, { key: 3 }]) {
      expect((await post('evict', bad)).status).toBe(400)
    }
    expect((await post('evict', { key: '' })).status).toBe(400)
  })
})
