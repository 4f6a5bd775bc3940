// The REST API's cache endpoints (list, delete by key, delete by id) with GitHub's shapes and
// permissions, and the simulated clock that lets weeks of eviction happen in a test.

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { putBlob, request, startHarness, twirp, type Harness } from './helpers/emulator.js'

const DAY = 24 * 3_600_000

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.emulator.close())

interface Listed {
  id: number
  ref: string
  key: string
  version: string
  last_accessed_at: string
  created_at: string
  size_in_bytes: number
}

/** Creates and finalizes an entry of `size` bytes through the twirp API; returns its id. */
async function put(
  key: string,
  { ref = 'refs/heads/main', repo = 'owner/repo', size = 4, version = 'v1' } = {}
): Promise<number> {
  const token = h.emulator.token({ ref, repo })
  const created = await twirp(h.emulator, 'CreateCacheEntry', { key, version }, token)
  expect(created.status).toBe(200)
  expect((await putBlob(created.json.signed_upload_url as string, 'x'.repeat(size))).status).toBe(
    201
  )
  const done = await twirp(
    h.emulator,
    'FinalizeCacheEntryUpload',
    { key, version, size_bytes: size },
    token
  )
  expect(done.json.ok).toBe(true)
  return Number(done.json.entry_id)
}

/** The owner/repo a REST path names. */
const repoOf = (pathAndQuery: string) => pathAndQuery.split('/').slice(2, 4).join('/')

/**
 * Calls the REST API as GitHub's clients do, by default with an `actions: write` token of the
 * repository the path names; token null sends no Authorization header.
 */
function rest(
  pathAndQuery: string,
  {
    method = 'GET',
    token = h.emulator.apiToken({ repo: repoOf(pathAndQuery), actions: 'write' }) as string | null
  } = {}
) {
  return request(`${h.emulator.apiUrl}${pathAndQuery}`, {
    method,
    headers: {
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
      ...(token === null ? {} : { Authorization: `Bearer ${token}` })
    }
  })
}

const caches = (res: { json: Record<string, unknown> }) => res.json.actions_caches as Listed[]
const keys = (res: { json: Record<string, unknown> }) => caches(res).map(c => c.key)

describe('list', () => {
  const repo = 'list/repo'
  const base = `/repos/${repo}/actions/caches`
  const ids: Record<string, number> = {}
  beforeAll(async () => {
    // One second of simulated time apart, so created_at orders them.
    const specs: [string, string, number][] = [
      ['go-linux-a', 'refs/heads/main', 10],
      ['go-linux-b', 'refs/heads/main', 30],
      ['go-mac-a', 'refs/heads/main', 20],
      ['go-linux-c', 'refs/heads/feature', 5],
      ['go-linux-d', 'refs/pull/7/merge', 40]
    ]
    for (const [key, ref, size] of specs) {
      ids[key] = await put(key, { ref, repo, size })
      h.emulator.advanceClock(1000)
    }
    await put('elsewhere', { repo: 'other/repo' })
  })

  test('answers GitHub’s shape, most recently used first, this repository only', async () => {
    const res = await rest(base, { token: h.emulator.apiToken({ repo, actions: 'read' }) })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.json.total_count).toBe(5)
    expect(keys(res)).toEqual(['go-linux-d', 'go-linux-c', 'go-mac-a', 'go-linux-b', 'go-linux-a'])
    const entry = h.emulator.entries().find(e => e.key === 'go-linux-d')!
    expect(caches(res)[0]).toEqual({
      id: ids['go-linux-d'],
      ref: 'refs/pull/7/merge',
      key: 'go-linux-d',
      version: 'v1',
      last_accessed_at: entry.lastAccess,
      created_at: entry.created,
      size_in_bytes: 40
    })
    expect(new Date(caches(res)[0].created_at).toISOString()).toBe(caches(res)[0].created_at)
    expect(res.headers.get('link')).toBeNull()
  })

  test('pages with per_page and page, and says where the next page is', async () => {
    const first = await rest(`${base}?per_page=2&sort=created_at&direction=asc`)
    expect(first.json.total_count).toBe(5)
    expect(keys(first)).toEqual(['go-linux-a', 'go-linux-b'])
    const link = first.headers.get('link')!
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]
    expect(/<([^>]+)>; rel="last"/.exec(link)![1]).toMatch(/[?&]page=3\b/)
    expect(next.startsWith(`${h.emulator.apiUrl}${base}?`)).toBe(true)
    const second = await rest(next.slice(h.emulator.apiUrl.length))
    expect(keys(second)).toEqual(['go-mac-a', 'go-linux-c'])
    expect(second.headers.get('link')).toMatch(/rel="prev".*rel="next".*rel="last".*rel="first"/)
    const third = await rest(`${base}?per_page=2&page=3&sort=created_at&direction=asc`)
    expect(keys(third)).toEqual(['go-linux-d'])
    expect(third.headers.get('link')).not.toContain('rel="next"')
    const past = await rest(`${base}?per_page=2&page=9`)
    expect([past.json.total_count, caches(past)]).toEqual([5, []])
    // per_page above 100 is taken as 100; nonsense as the default, 30.
    expect(caches(await rest(`${base}?per_page=1000`))).toHaveLength(5)
    expect(caches(await rest(`${base}?per_page=x&page=0`))).toHaveLength(5)
  })

  test('filters by key prefix and ref, and sorts by any of the three fields', async () => {
    const linux = await rest(`${base}?key=go-linux-&sort=created_at&direction=asc`)
    expect([linux.json.total_count, keys(linux)]).toEqual([
      4,
      ['go-linux-a', 'go-linux-b', 'go-linux-c', 'go-linux-d']
    ])
    const main = await rest(`${base}?ref=refs/heads/main&key=go-linux`)
    expect(keys(main).sort()).toEqual(['go-linux-a', 'go-linux-b'])
    const bare = await rest(`${base}?ref=main&key=go-linux`)
    expect(keys(bare).sort()).toEqual(['go-linux-a', 'go-linux-b'])
    const pr = await rest(`${base}?ref=${encodeURIComponent('refs/pull/7/merge')}`)
    expect(keys(pr)).toEqual(['go-linux-d'])
    const exact = await rest(`${base}?key=go-mac-a`)
    expect(keys(exact)).toEqual(['go-mac-a'])
    expect((await rest(`${base}?key=nothing`)).json).toEqual({ total_count: 0, actions_caches: [] })
    const bySize = await rest(`${base}?sort=size_in_bytes`)
    expect(caches(bySize).map(c => c.size_in_bytes)).toEqual([40, 30, 20, 10, 5])
    const bySizeAsc = await rest(`${base}?sort=size_in_bytes&direction=asc`)
    expect(caches(bySizeAsc).map(c => c.size_in_bytes)).toEqual([5, 10, 20, 30, 40])
    const created = await rest(`${base}?sort=created_at`)
    expect(keys(created)[0]).toBe('go-linux-d')
  })

  test('reading an entry moves it to the front of last_accessed_at', async () => {
    const token = h.emulator.token({ ref: 'refs/heads/main', repo })
    const body = { key: 'go-linux-a', version: 'v1' }
    const hit = await twirp(h.emulator, 'GetCacheEntryDownloadURL', body, token)
    expect(hit.json.ok).toBe(true)
    const listed = await rest(base)
    expect(keys(listed)[0]).toBe('go-linux-a')
    const accessed = Date.parse(caches(listed)[0].last_accessed_at)
    expect(Math.abs(accessed - h.emulator.now())).toBeLessThan(5_000)
    expect(Date.parse(caches(listed)[0].last_accessed_at)).toBeGreaterThan(
      Date.parse(caches(listed)[0].created_at)
    )
  })

  test('a sort or direction GitHub does not know is refused with 422', async () => {
    for (const query of ['sort=key', 'direction=up']) {
      const res = await rest(`${base}?${query}`)
      expect(res.status).toBe(422)
      expect(res.json).toMatchObject({ message: 'Validation Failed', status: '422' })
    }
  })
})

describe('delete', () => {
  const repo = 'delete/repo'
  const base = `/repos/${repo}/actions/caches`

  test('by key deletes every entry with exactly that key, or only those of a ref', async () => {
    await put('dk', { repo, ref: 'refs/heads/main' })
    await put('dk', { repo, ref: 'refs/heads/feature' })
    await put('dk', { repo, ref: 'refs/pull/3/merge' })
    await put('dk-longer', { repo })
    const before = h.emulator.stats()

    const one = await rest(`${base}?key=dk&ref=refs/heads/feature`, { method: 'DELETE' })
    expect(one.status).toBe(200)
    expect(one.json.total_count).toBe(1)
    expect(caches(one)).toEqual([
      expect.objectContaining({ key: 'dk', ref: 'refs/heads/feature', version: 'v1' })
    ])

    const rest2 = await rest(`${base}?key=dk`, { method: 'DELETE' })
    expect(rest2.status).toBe(200)
    expect(caches(rest2).map(c => c.ref)).toEqual(['refs/heads/main', 'refs/pull/3/merge'])
    // Exactly the key: an entry that only starts with it stays.
    expect(keys(await rest(`${base}?key=dk`))).toEqual(['dk-longer'])

    const none = await rest(`${base}?key=dk`, { method: 'DELETE' })
    expect(none.status).toBe(404)
    expect(none.json).toMatchObject({ message: 'Not Found', status: '404' })
    const missing = await rest(base, { method: 'DELETE' })
    expect(missing.status).toBe(422)

    const after = h.emulator.stats()
    expect(after.entriesDeleted).toBe(before.entriesDeleted + 3)
    expect(after.entriesEvicted).toBe(before.entriesEvicted)
    expect(after.rest.deleteByKey).toBe(before.rest.deleteByKey + 4)
    expect(after.rest.list).toBe(before.rest.list + 1)
    expect(after.rest.requests).toBe(before.rest.requests + 5)
    expect(after.statusByOperation['rest:deleteByKey']).toMatchObject({ 200: 2, 404: 1, 422: 1 })
  })

  test('by id answers 204, then 404; the blob goes with the entry', async () => {
    const id = await put('di', { repo })
    const other = await put('di', { repo: 'someone/else' })
    const blobs = path.join(h.emulator.dataDir, 'blobs')
    const blobCount = fs.readdirSync(blobs).length
    const res = await rest(`${base}/${id}`, { method: 'DELETE' })
    expect([res.status, res.text]).toEqual([204, ''])
    expect(fs.readdirSync(blobs).length).toBe(blobCount - 1)
    expect(h.emulator.entries().some(e => e.id === id)).toBe(false)
    expect((await rest(`${base}/${id}`, { method: 'DELETE' })).status).toBe(404)
    // An id of another repository's entry is not found here, and stays.
    expect((await rest(`${base}/${other}`, { method: 'DELETE' })).status).toBe(404)
    expect(h.emulator.entries().some(e => e.id === other)).toBe(true)
    expect((await rest(`${base}/nope`, { method: 'DELETE' })).status).toBe(404)
    expect(h.emulator.stats().statusByOperation['rest:deleteById']).toMatchObject({
      204: 1,
      404: 3
    })
  })

  test('a restore of a deleted key misses, with the real client', async () => {
    h.as({ ref: 'refs/heads/main', repo })
    try {
      const dir = h.writeDir('deleted', { f: 'content' })
      expect((await h.save([dir], 'gone-soon')).result).toBeGreaterThan(0)
      expect((await h.restore([dir], 'gone-soon')).result).toBe('gone-soon')
      const res = await rest(`${base}?key=gone-soon&ref=refs/heads/main`, { method: 'DELETE' })
      expect(res.status).toBe(200)
      expect((await h.restore([dir], 'gone-soon')).result).toBeUndefined()
      expect((await h.restore([dir], 'x', ['gone-'])).result).toBeUndefined()
    } finally {
      h.as('refs/heads/main')
    }
  })
})

describe('authentication and permissions', () => {
  const repo = 'auth/repo'
  const base = `/repos/${repo}/actions/caches`
  let id: number
  beforeAll(async () => {
    id = await put('auth', { repo })
  })

  test('no token: 401 Requires authentication; a bad one: 401 Bad credentials', async () => {
    const before = h.emulator.stats().unauthenticated
    const none = await rest(base, { token: null })
    expect(none.status).toBe(401)
    expect(none.json).toEqual({
      message: 'Requires authentication',
      documentation_url: 'https://docs.github.com/rest',
      status: '401'
    })
    const runtime = h.emulator.token({ ref: 'refs/heads/main', repo })
    const good = h.emulator.apiToken({ repo, actions: 'write' })
    const at = good.length - 10
    const forged = good.slice(0, at) + (good[at] === 'A' ? 'B' : 'A') + good.slice(at + 1)
    const expired = h.emulator.apiToken({ repo, actions: 'write', ttlSec: -120 })
    for (const token of ['garbage', runtime, forged, expired]) {
      const res = await rest(base, { token })
      expect([res.status, res.json.message]).toEqual([401, 'Bad credentials'])
    }
    expect(h.emulator.stats().unauthenticated).toBe(before + 5)
  })

  test('a REST token is no runtime token', async () => {
    const token = h.emulator.apiToken({ repo, actions: 'write' })
    const res = await twirp(
      h.emulator,
      'GetCacheEntryDownloadURL',
      { key: 'k', version: 'v' },
      token
    )
    expect([res.status, res.json.code]).toEqual([401, 'unauthenticated'])
  })

  test('"token" and "Bearer" both work', async () => {
    const token = h.emulator.apiToken({ repo, actions: 'read' })
    const res = await request(`${h.emulator.apiUrl}${base}`, {
      headers: { Authorization: `token ${token}` }
    })
    expect([res.status, res.json.total_count]).toEqual([200, 1])
  })

  test('actions: read lists but may not delete; none may not list', async () => {
    const read = h.emulator.apiToken({ repo, actions: 'read' })
    expect((await rest(base, { token: read })).status).toBe(200)
    for (const target of [`${base}?key=auth`, `${base}/${id}`]) {
      const res = await rest(target, { method: 'DELETE', token: read })
      expect(res.status).toBe(403)
      expect(res.json).toMatchObject({
        message: 'Resource not accessible by integration',
        status: '403'
      })
      expect(res.json.documentation_url).toMatch(
        /^https:\/\/docs\.github\.com\/rest\/actions\/cache#/
      )
    }
    const none = h.emulator.apiToken({ repo, actions: 'none' })
    expect((await rest(base, { token: none })).status).toBe(403)
    expect(h.emulator.entries().some(e => e.id === id)).toBe(true)
  })

  test('a token of another repository gets 404, as for a repository it cannot see', async () => {
    const token = h.emulator.apiToken({ repo: 'other/repo', actions: 'write' })
    for (const [target, method] of [
      [base, 'GET'],
      [`${base}?key=auth`, 'DELETE'],
      [`${base}/${id}`, 'DELETE']
    ]) {
      const res = await rest(target, { method, token })
      expect([res.status, res.json.message]).toEqual([404, 'Not Found'])
    }
    // Owner and repository names are not case sensitive.
    const upper = h.emulator.apiToken({ repo: 'Auth/Repo', actions: 'read' })
    expect((await rest(base, { token: upper })).json.total_count).toBe(1)
    expect((await rest('/repos/AUTH/REPO/actions/caches')).json.total_count).toBe(1)
  })

  test('other paths under /repos/ are 404; REST tokens come from the control endpoint too', async () => {
    expect((await rest(`/repos/${repo}/actions/artifacts`)).status).toBe(404)
    expect((await rest(`${base}/${id}`)).status).toBe(404) // GET of one cache is no endpoint
    const minted = await request(`${h.emulator.url}_emulator/api-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ repo, actions: 'read' })
    })
    const token = minted.json.token as string
    expect(token.startsWith('ghs_')).toBe(true)
    expect((await rest(base, { token })).status).toBe(200)
    const bad = await request(`${h.emulator.url}_emulator/api-token`, {
      method: 'POST',
      body: JSON.stringify({ repo })
    })
    expect(bad.status).toBe(400)
    expect(() => h.emulator.apiToken({ actions: 'admin' as 'read' })).toThrow('actions')
  })

  test('a rest fault fails the next REST call', async () => {
    h.emulator.injectFault({ kind: 'rest', status: 502 })
    const failed = await rest(base)
    expect(failed.status).toBe(502)
    expect((await rest(base)).status).toBe(200)
    expect(h.emulator.stats().injected.restErrors).toBe(1)
  })
})

// Last: these move the shared emulator's clock by weeks, which evicts earlier tests' entries.
describe('simulated clock', () => {
  test('now() runs clockOffsetMs ahead; the knob and /_emulator/clock move it', async () => {
    const offset = h.emulator.knobs().clockOffsetMs
    expect(Math.abs(h.emulator.now() - (Date.now() + offset))).toBeLessThan(1000)
    const moved = h.emulator.advanceClock(3_600_000)
    expect(h.emulator.knobs().clockOffsetMs).toBe(offset + 3_600_000)
    expect(Math.abs(moved - (Date.now() + offset + 3_600_000))).toBeLessThan(1000)
    const base = `${h.emulator.url}_emulator/`
    const shown = await request(base + 'clock')
    expect(shown.json).toMatchObject({ clockOffsetMs: offset + 3_600_000 })
    const posted = await request(base + 'clock', {
      method: 'POST',
      body: JSON.stringify({ advanceMs: 60_000 })
    })
    expect(posted.json).toMatchObject({ clockOffsetMs: offset + 3_660_000 })
    expect(Date.parse(posted.json.iso as string)).toBe(posted.json.now)
    const config = await request(base + 'config', {
      method: 'POST',
      body: JSON.stringify({ clockOffsetMs: offset + 3_720_000 })
    })
    expect(config.json).toMatchObject({ clockOffsetMs: offset + 3_720_000 })
    expect(
      (await request(base + 'config', { method: 'POST', body: '{"clockOffsetMs":-1}' })).status
    ).toBe(400)
    expect(() => h.emulator.advanceClock(-5)).toThrow('advanceClock')
  })

  test('an entry unread for 7 simulated days is evicted; one read meanwhile stays', async () => {
    const repo = 'clock/ttl'
    h.as({ ref: 'refs/heads/main', repo })
    try {
      const dir = h.writeDir('ttl', { f: 'week' })
      expect((await h.save([dir], 'stale')).result).toBeGreaterThan(0)
      expect((await h.save([dir], 'fresh')).result).toBeGreaterThan(0)
      const created = Date.parse(h.emulator.entries().find(e => e.key === 'stale')!.created)
      h.emulator.advanceClock(5 * DAY)
      // A later run, with a token of its own (the first one expired after 6 hours).
      h.as({ ref: 'refs/heads/main', repo })
      expect((await h.restore([dir], 'fresh')).result).toBe('fresh')
      const read = h.emulator.entries().find(e => e.key === 'fresh')!
      expect(Date.parse(read.lastAccess) - created).toBeGreaterThanOrEqual(5 * DAY)
      const evicted = h.emulator.stats().entriesEvicted
      h.emulator.advanceClock(2 * DAY + 60_000)
      h.as({ ref: 'refs/heads/main', repo })
      // Evicted by advanceClock itself, before anything asks.
      const left = h.emulator.entries().filter(e => e.repo === repo)
      expect(left.map(e => e.key)).toEqual(['fresh'])
      expect(h.emulator.stats().entriesEvicted).toBeGreaterThanOrEqual(evicted + 1)
      const listed = await rest(`/repos/${repo}/actions/caches`, {
        token: h.emulator.apiToken({ repo, actions: 'read' })
      })
      expect(keys(listed)).toEqual(['fresh'])
      expect((await h.restore([dir], 'stale')).result).toBeUndefined()
      expect((await h.restore([dir], 'fresh')).result).toBe('fresh')
    } finally {
      h.as('refs/heads/main')
    }
  })

  test('past the cap the least recently used entry goes, by simulated access times', async () => {
    const repo = 'clock/lru'
    h.emulator.configure({ repoSizeLimitBytes: 250 })
    try {
      await put('lru-1', { repo, size: 100 })
      h.emulator.advanceClock(DAY)
      await put('lru-2', { repo, size: 100 })
      h.emulator.advanceClock(DAY)
      const token = h.emulator.token({ ref: 'refs/heads/main', repo })
      const hit = await twirp(
        h.emulator,
        'GetCacheEntryDownloadURL',
        { key: 'lru-1', version: 'v1' },
        token
      )
      expect(hit.json.ok).toBe(true) // lru-2 is now the least recently used
      h.emulator.advanceClock(DAY)
      await put('lru-3', { repo, size: 100 })
      const left = h.emulator.entries().filter(e => e.repo === repo)
      expect(left.map(e => e.key)).toEqual(['lru-1', 'lru-3'])
    } finally {
      h.emulator.configure({ repoSizeLimitBytes: 10 * 2 ** 30 })
    }
  })

  test('tokens and signed URLs follow the clock', async () => {
    const repo = 'clock/tokens'
    const oldRuntime = h.emulator.token({ ref: 'refs/heads/main', repo })
    const oldApi = h.emulator.apiToken({ repo, actions: 'read' })
    h.emulator.advanceClock(21 * DAY)
    const body = { key: 'k', version: 'v' }
    const stale = await twirp(h.emulator, 'GetCacheEntryDownloadURL', body, oldRuntime)
    expect([stale.status, stale.json.msg]).toEqual([401, 'token expired'])
    const listOld = await rest(`/repos/${repo}/actions/caches`, { token: oldApi })
    expect(listOld.status).toBe(401)
    const listNew = await rest(`/repos/${repo}/actions/caches`, {
      token: h.emulator.apiToken({ repo, actions: 'read' })
    })
    expect(listNew.status).toBe(200)
    // Answers are dated by the emulator's clock.
    const dated = Date.parse(listNew.headers.get('date')!)
    expect(Math.abs(dated - h.emulator.now())).toBeLessThan(5_000)

    // A token minted now works, and the real client saves and restores through URLs whose
    // expiry is checked against the simulated clock.
    h.as({ ref: 'refs/heads/main', repo })
    try {
      const dir = h.writeDir('later', { f: randomBytes(100).toString('hex') })
      const content = h.readDir('later').f
      const saved = await h.save([dir], 'three-weeks-on')
      expect(saved.result).toBeGreaterThan(0)
      const entry = h.emulator.entries().find(e => e.key === 'three-weeks-on')!
      expect(Math.abs(Date.parse(entry.created) - h.emulator.now())).toBeLessThan(60_000)
      fs.rmSync(dir, { recursive: true })
      expect((await h.restore([dir], 'three-weeks-on')).result).toBe('three-weeks-on')
      expect(h.readDir('later').f).toBe(content)

      // A download URL lives urlExpiryMs of simulated time.
      const found = await twirp(
        h.emulator,
        'GetCacheEntryDownloadURL',
        { key: 'three-weeks-on', version: entry.version },
        h.emulator.token({ ref: 'refs/heads/main', repo })
      )
      const url = found.json.signed_download_url as string
      const got = await request(url)
      expect(got.status).toBe(200)
      const modified = Date.parse(got.headers.get('last-modified')!)
      expect(Math.abs(modified - Date.parse(entry.created))).toBeLessThan(5_000)
      expect(Math.abs(Date.parse(got.headers.get('date')!) - h.emulator.now())).toBeLessThan(5_000)
      h.emulator.advanceClock(h.emulator.knobs().urlExpiryMs + 1000)
      expect((await request(url)).status).toBe(403)
    } finally {
      h.as('refs/heads/main')
    }
  })

  test('the rate limit’s window is simulated time too', async () => {
    const repo = 'clock/rate'
    h.emulator.configure({ rateLimitPerMinute: 2 })
    try {
      const token = h.emulator.token({ ref: 'refs/heads/main', repo })
      const create = (key: string) =>
        twirp(h.emulator, 'CreateCacheEntry', { key, version: 'v' }, token)
      expect((await create('r1')).status).toBe(200)
      expect((await create('r2')).status).toBe(200)
      expect((await create('r3')).status).toBe(429)
      h.emulator.advanceClock(61_000)
      expect((await create('r3')).status).toBe(200)
    } finally {
      h.emulator.configure({ rateLimitPerMinute: 200 })
    }
  })
})
