// The cache service's rules, seen through the real @actions/cache client: round trips,
// versions, key matching, scopes, immutability, validation, tokens and eviction.

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startHarness, twirp, type Harness } from './helpers/emulator.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.emulator.close())

/** Saves dir with one file holding content under key; returns the client's result. */
async function saveWith(dir: string, key: string, content: string | Buffer): Promise<number> {
  const full = h.writeDir(dir, { f: content })
  return (await h.save([full], key)).result
}

/** Restores dir (emptied first); returns the matched key and the file's content. */
async function restoreFrom(dir: string, key: string, restoreKeys?: string[]) {
  const full = path.join(h.workspace, dir)
  fs.rmSync(full, { recursive: true, force: true })
  const { result } = await h.restore([full], key, restoreKeys)
  return { key: result, content: h.readDir(dir).f }
}

describe('round trip and versions', () => {
  test('saved files come back byte for byte', async () => {
    h.as('refs/heads/main')
    const binary = randomBytes(50_000)
    const dir = h.writeDir('rt', { 'a.txt': 'hello', 'b.bin': binary })
    const saved = await h.save([dir], 'round-trip')
    expect(saved.result).toBeGreaterThan(0)
    fs.rmSync(dir, { recursive: true })
    const restored = await h.restore([dir], 'round-trip')
    expect(restored.result).toBe('round-trip')
    expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('hello')
    expect(fs.readFileSync(path.join(dir, 'b.bin')).equals(binary)).toBe(true)
    const entry = h.emulator.entries().find(e => e.key === 'round-trip')
    expect(entry).toMatchObject({ id: saved.result, scope: 'refs/heads/main', repo: 'owner/repo' })
  })

  test('a restore with other paths (another version) misses the same key', async () => {
    const dir = h.writeDir('ver', { f: 'v' })
    expect((await h.save([dir], 'versioned')).result).toBeGreaterThan(0)
    const misses = h.emulator.stats().cacheMisses
    const other = path.join(h.workspace, 'elsewhere')
    expect((await h.restore([dir, other], 'versioned')).result).toBeUndefined()
    expect(h.emulator.stats().cacheMisses).toBe(misses + 1)
    // Same paths in another order are another version too: the client hashes them as given.
    expect((await h.restore([other, dir], 'versioned')).result).toBeUndefined()
    expect((await h.restore([dir], 'versioned')).result).toBe('versioned')
  })
})

describe('key matching', () => {
  beforeAll(async () => {
    h.as('refs/heads/main')
    expect(await saveWith('m', 'deps-linux-aaa', 'A')).toBeGreaterThan(0)
    expect(await saveWith('m', 'deps-mac-x', 'C')).toBeGreaterThan(0)
    expect(await saveWith('m', 'deps-linux-bbb', 'B')).toBeGreaterThan(0)
  })

  test('an exact key wins over newer entries that share its prefix', async () => {
    expect(await restoreFrom('m', 'deps-linux-aaa')).toEqual({
      key: 'deps-linux-aaa',
      content: 'A'
    })
  })

  test('a key that is only a prefix gets the newest entry starting with it', async () => {
    expect(await restoreFrom('m', 'deps-linux-')).toEqual({ key: 'deps-linux-bbb', content: 'B' })
    expect(await restoreFrom('m', 'deps-')).toEqual({ key: 'deps-linux-bbb', content: 'B' })
  })

  test('restore keys are tried in order, each exact then by prefix', async () => {
    expect(await restoreFrom('m', 'nothing', ['deps-mac-', 'deps-linux-'])).toEqual({
      key: 'deps-mac-x',
      content: 'C'
    })
    expect(await restoreFrom('m', 'nothing', ['none-', 'deps-linux-aaa', 'deps-'])).toEqual({
      key: 'deps-linux-aaa',
      content: 'A'
    })
    expect(await restoreFrom('m', 'nothing', ['none-', 'also-none'])).toEqual({
      key: undefined,
      content: undefined
    })
  })
})

describe('scopes', () => {
  const pr7 = { ref: 'refs/pull/7/merge', baseRef: 'refs/heads/release' }
  const pr8 = { ref: 'refs/pull/8/merge', baseRef: 'refs/heads/release' }

  beforeAll(async () => {
    h.as('refs/heads/main')
    expect(await saveWith('s', 'scoped-main', 'main')).toBeGreaterThan(0)
    h.as('refs/heads/release')
    expect(await saveWith('s', 'release-only', 'release')).toBeGreaterThan(0)
  })

  test("a feature branch reads the default branch's entries, its own first", async () => {
    h.as('refs/heads/feature')
    expect(await restoreFrom('s', 'scoped-')).toEqual({ key: 'scoped-main', content: 'main' })
    expect(await saveWith('s', 'scoped-feature', 'feature')).toBeGreaterThan(0)
    expect(await restoreFrom('s', 'scoped-')).toEqual({ key: 'scoped-feature', content: 'feature' })
    // Another branch's entries are out of reach.
    expect((await restoreFrom('s', 'release-only')).key).toBeUndefined()
    h.as('refs/heads/main')
    expect(await restoreFrom('s', 'scoped-')).toEqual({ key: 'scoped-main', content: 'main' })
  })

  test('a PR reads its base and the default branch; its writes are its own', async () => {
    h.as(pr7)
    expect(await restoreFrom('s', 'release-only')).toEqual({
      key: 'release-only',
      content: 'release'
    })
    expect(await restoreFrom('s', 'scoped-main')).toEqual({ key: 'scoped-main', content: 'main' })
    expect(await saveWith('s', 'pr-key', 'pr7')).toBeGreaterThan(0)
    expect(await restoreFrom('s', 'pr-key')).toEqual({ key: 'pr-key', content: 'pr7' })
    for (const other of ['refs/heads/main', 'refs/heads/release', pr8]) {
      h.as(other)
      expect((await restoreFrom('s', 'pr-key')).key).toBeUndefined()
    }
    // The same key in another scope is another entry, not a conflict.
    h.as(pr8)
    expect(await saveWith('s', 'pr-key', 'pr8')).toBeGreaterThan(0)
    expect(await restoreFrom('s', 'pr-key')).toEqual({ key: 'pr-key', content: 'pr8' })
    const scopes = h.emulator
      .entries()
      .filter(e => e.key === 'pr-key')
      .map(e => e.scope)
    expect(scopes).toEqual(['refs/pull/7/merge', 'refs/pull/8/merge'])
  })

  test('another repository sees nothing of this one', async () => {
    h.as({ ref: 'refs/heads/main', repo: 'someone/else' })
    expect((await restoreFrom('s', 'scoped-main')).key).toBeUndefined()
  })

  test('a read-only token restores but its saves are denied', async () => {
    h.as({ ref: 'refs/pull/9/merge', readOnly: true })
    expect((await restoreFrom('s', 'scoped-main')).key).toBe('scoped-main')
    const full = h.writeDir('s', { f: 'x' })
    const saved = await h.save([full], 'pr9-key')
    expect(saved.result).toBe(-1)
    expect(saved.output).toContain('::warning::Failed to save: Unable to reserve cache with key')
    expect(saved.output).toContain('cache write denied:')
  })
})

describe('immutability', () => {
  test('a second save of a key returns -1 (409) and the first content stays', async () => {
    h.as('refs/heads/main')
    const before = h.emulator.stats().statusByOperation.CreateCacheEntry?.['409'] ?? 0
    expect(await saveWith('i', 'immutable', 'first')).toBeGreaterThan(0)
    const dir = h.writeDir('i', { f: 'second' })
    const second = await h.save([dir], 'immutable')
    expect(second.result).toBe(-1)
    expect(second.output).toContain(
      'Failed to save: Unable to reserve cache with key immutable, another job may be creating this cache.'
    )
    expect(h.emulator.stats().statusByOperation.CreateCacheEntry['409']).toBe(before + 1)
    expect(await restoreFrom('i', 'immutable')).toEqual({ key: 'immutable', content: 'first' })
  })

  test('a pending reservation blocks a second creation; finalize checks the upload', async () => {
    const req = { key: 'raw-pending', version: 'v1' }
    const first = await twirp(h.emulator, 'CreateCacheEntry', req)
    expect(first.json).toMatchObject({ ok: true })
    const again = await twirp(h.emulator, 'CreateCacheEntry', req)
    expect([again.status, again.json.code]).toEqual([409, 'already_exists'])
    const early = await twirp(h.emulator, 'FinalizeCacheEntryUpload', { ...req, size_bytes: '3' })
    expect([early.status, early.json.code]).toEqual([412, 'failed_precondition'])
    const url = first.json.signed_upload_url as string
    const put = await fetch(url, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
      body: 'abc'
    })
    expect(put.status).toBe(201)
    const wrong = await twirp(h.emulator, 'FinalizeCacheEntryUpload', { ...req, size_bytes: '4' })
    expect([wrong.status, wrong.json.code]).toEqual([400, 'invalid_argument'])
    const done = await twirp(h.emulator, 'FinalizeCacheEntryUpload', { ...req, size_bytes: '3' })
    expect(done.json).toEqual({ ok: true, entry_id: expect.stringMatching(/^\d+$/) })
    // The entry is sealed: its upload URL writes no more, and it cannot be finalized twice.
    const overwrite = await fetch(url, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
      body: 'xyz'
    })
    expect(overwrite.status).toBe(409)
    const twice = await twirp(h.emulator, 'FinalizeCacheEntryUpload', { ...req, size_bytes: '3' })
    expect(twice.status).toBe(409)
    const unknown = await twirp(h.emulator, 'FinalizeCacheEntryUpload', {
      key: 'never-created',
      version: 'v1',
      size_bytes: '3'
    })
    expect([unknown.status, unknown.json.code]).toEqual([404, 'not_found'])
  })
})

describe('validation and authentication', () => {
  test('keys over 512 characters or with commas are invalid_argument', async () => {
    const long = await twirp(h.emulator, 'CreateCacheEntry', { key: 'k'.repeat(513), version: 'v' })
    expect([long.status, long.json.code]).toEqual([400, 'invalid_argument'])
    const comma = await twirp(h.emulator, 'GetCacheEntryDownloadURL', {
      key: 'ok',
      restore_keys: ['a,b'],
      version: 'v'
    })
    expect([comma.status, comma.json.code]).toEqual([400, 'invalid_argument'])
    const max = await twirp(h.emulator, 'CreateCacheEntry', { key: 'k'.repeat(512), version: 'v' })
    expect(max.status).toBe(200)
  })

  test('no token, a tampered token or an expired one is unauthenticated (401)', async () => {
    const body = { key: 'k', version: 'v' }
    const good = h.emulator.token('refs/heads/main')
    const [head, payload, sig] = good.split('.')
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        ac: '[{"Scope":"refs/heads/main","Permission":3},{"Scope":"x","Permission":3}]'
      })
    ).toString('base64url')
    const expired = h.emulator.token({ ref: 'refs/heads/main', ttlSec: -120 })
    for (const token of [null, 'not-a-jwt', `${head}.${forged}.${sig}`, expired]) {
      const res = await twirp(h.emulator, 'GetCacheEntryDownloadURL', body, token)
      expect([res.status, res.json.code]).toEqual([401, 'unauthenticated'])
    }
    // What the client makes of it: a warning and no cache, never an exception.
    process.env.ACTIONS_RUNTIME_TOKEN = expired
    const dir = h.writeDir('auth', { f: 'x' })
    const restored = await h.restore([dir], 'k')
    expect(restored.result).toBeUndefined()
    expect(restored.output).toContain('::warning::Failed to restore:')
    expect(restored.output).toContain('(401) Unauthorized: token expired')
    expect((await h.save([dir], 'k')).result).toBe(-1)
    h.as('refs/heads/main')
  })

  test('unknown methods and non-POST calls are bad_route', async () => {
    const res = await twirp(h.emulator, 'DeleteCacheEntry', {})
    expect([res.status, res.json.code]).toEqual([404, 'bad_route'])
    const get = await fetch(
      `${h.emulator.url}twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry`
    )
    expect(get.status).toBe(404)
  })
})

describe('eviction', () => {
  test('past the size cap the least recently used entries go', async () => {
    h.as({ ref: 'refs/heads/main', repo: 'evict/lru' })
    // Random bytes do not compress: each archive is a little over 3 kB, so two fit, not three.
    const save = (key: string) => saveWith('e', key, randomBytes(3000))
    h.emulator.configure({ repoSizeLimitBytes: 7000 })
    try {
      expect(await save('lru-1')).toBeGreaterThan(0)
      expect(await save('lru-2')).toBeGreaterThan(0)
      expect((await restoreFrom('e', 'lru-1')).key).toBe('lru-1') // lru-2 is now the oldest use
      const evicted = h.emulator.stats().entriesEvicted
      expect(await save('lru-3')).toBeGreaterThan(0)
      expect(h.emulator.stats().entriesEvicted).toBe(evicted + 1)
      const left = h.emulator.entries().filter(e => e.repo === 'evict/lru')
      expect(left.map(e => e.key)).toEqual(['lru-1', 'lru-3'])
      expect((await restoreFrom('e', 'lru-2')).key).toBeUndefined()
    } finally {
      h.emulator.configure({ repoSizeLimitBytes: 10 * 2 ** 30 })
    }
  })

  test('entries unused for longer than unusedEntryTtlMs go', async () => {
    h.as({ ref: 'refs/heads/main', repo: 'evict/ttl' })
    expect(await saveWith('t', 'stale', 'x')).toBeGreaterThan(0)
    await new Promise(resolve => setTimeout(resolve, 30))
    h.emulator.configure({ unusedEntryTtlMs: 20 })
    try {
      expect((await restoreFrom('t', 'stale')).key).toBeUndefined()
      expect(h.emulator.entries().some(e => e.key === 'stale')).toBe(false)
    } finally {
      h.emulator.configure({ unusedEntryTtlMs: 7 * 24 * 3_600_000 })
    }
  })
})
