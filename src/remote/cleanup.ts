// Deletes, through the REST API, the bundles this scope retired and its superseded indexes,
// once no index anywhere can still name them. The cache service itself only evicts what
// nobody read for 7 days or what falls past the repository's cap; without this a busy
// repository keeps a week of dead bundles and pushes live ones out.
//
// Which index may name which bundle is read from index keys alone (a job cannot download
// other branches' indexes): an index that names bundles of other scopes carries, per such
// owner, the creation time of the oldest index of that owner it derives from. A bundle retired
// by its owner at time T can be named only by indexes that pin that owner below T.

import { log } from '../util/log.js'
import { ANY_OWNER, type Pins, type RetiredBundle } from './cache-index.js'
import { readText, request } from './http-request.js'

export interface CleanupTarget {
  /** GITHUB_API_URL. */
  apiUrl: string
  /** owner/repo. */
  repository: string
  /** A token with `actions: write`; without it nothing is deleted. */
  token?: string
}

export interface ListedCache {
  id: number
  ref: string
  key: string
  createdMs: number
  bytes: number
}

const PAGE = 100
const MAX_PAGES = 20
const TIMEOUT_MS = 15_000
/** Retired bundles wait this long: a job that restored an older index may still fetch them. */
export const RETIRE_GRACE_MS = 6 * 3_600_000
/** Pins in a key: at most this many owners; past it, one pin at the lowest time for all. */
const MAX_KEY_PINS = 8
/** Owner ids are shortened in keys: a clash only makes a pin stricter than it needs be. */
const KEY_OWNER_CHARS = 8

export class CacheApi {
  /** REST requests made, for the job's figures. */
  requests = 0

  constructor(private readonly target: Required<CleanupTarget>) {}

  /** Every cache entry whose key starts with keyPrefix, all refs, oldest pages last. */
  async list(keyPrefix: string): Promise<ListedCache[]> {
    const all: ListedCache[] = []
    for (let page = 1; page <= MAX_PAGES; page++) {
      const query = new URLSearchParams({
        key: keyPrefix,
        per_page: String(PAGE),
        page: String(page),
        sort: 'created_at',
        direction: 'desc'
      })
      const body = (await this.call('GET', `?${query}`)) as {
        actions_caches?: {
          id: number
          ref: string
          key: string
          created_at: string
          size_in_bytes: number
        }[]
      }
      const caches = body.actions_caches ?? []
      for (const c of caches) {
        all.push({
          id: c.id,
          ref: c.ref,
          key: c.key,
          createdMs: Date.parse(c.created_at),
          bytes: c.size_in_bytes
        })
      }
      if (caches.length < PAGE) break
    }
    return all
  }

  /** Deletes the entry `key` of `ref`; false when there was none. */
  async delete(key: string, ref: string): Promise<boolean> {
    const query = new URLSearchParams({ key, ref })
    return (await this.call('DELETE', `?${query}`)) !== undefined
  }

  private async call(method: 'GET' | 'DELETE', query: string): Promise<unknown> {
    const { apiUrl, repository, token } = this.target
    const url = new URL(`${apiUrl.replace(/\/+$/, '')}/repos/${repository}/actions/caches${query}`)
    this.requests++
    const response = await request(url, {
      method,
      timeoutMs: TIMEOUT_MS,
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${token}`,
        'User-Agent': 'go-cache-action',
        'X-GitHub-Api-Version': '2022-11-28'
      }
    })
    const text = await readText(response)
    const status = response.statusCode ?? 0
    if (method === 'DELETE' && status === 404) return undefined
    if (status < 200 || status >= 300) {
      let message = text.slice(0, 200)
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message
      } catch {
        // not JSON: keep the text
      }
      const hint = status === 403 ? ' (the token needs `actions: write`)' : ''
      throw new Error(`${method} caches: ${status} ${message}${hint}`)
    }
    return text ? (JSON.parse(text) as unknown) : {}
  }
}

/**
 * The key part that carries an index's pins: `-pn` for none, `-p<owner8>.<ms>_…` per owner,
 * or `-pall.<ms>` when there are too many (or an old index pinned everyone).
 */
export function pinsPart(pins: Pins): string {
  const entries = Object.entries(pins)
  if (entries.length === 0) return '-pn'
  if (entries.length > MAX_KEY_PINS || ANY_OWNER in pins) {
    return `-pall.${Math.min(...entries.map(([, ms]) => ms))}`
  }
  return '-p' + entries.map(([owner, ms]) => `${owner.slice(0, KEY_OWNER_CHARS)}.${ms}`).join('_')
}

/**
 * The time below which an index key pins `owner`'s bundles; Infinity when it does not. Keys
 * written before pins existed pin everyone from the start of time.
 */
export function pinOfKeyFor(key: string, owner: string): number {
  // After `<time>-<random>`, before the tag (which has no dashes).
  const m = /-\d+-[0-9a-f]{8}-p([0-9a-z._]+)(?:-[^-]*)?$/.exec(key)
  if (!m) return 0
  if (m[1] === 'n') return Infinity
  const short = owner.slice(0, KEY_OWNER_CHARS)
  let lowest = Infinity
  for (const pin of m[1].split('_')) {
    const [who, ms] = pin.split('.')
    if (who === 'all' || who === short) lowest = Math.min(lowest, Number(ms))
  }
  return Number.isNaN(lowest) ? 0 : lowest
}

/** True when `key` is an index of exactly this scope (not a narrower one sharing the prefix). */
export function isOwnIndexKey(key: string, ownPrefix: string): boolean {
  return key.startsWith(ownPrefix) && /^\d+-[0-9a-f]{8}(-|$)/.test(key.slice(ownPrefix.length))
}

/**
 * The lowest pin on `owner` among indexes of other scopes (any ref, or another scope on this
 * ref): bundles this scope retired after it may still be named. Infinity when nothing pins.
 */
export function lowestPinOn(
  indexes: ListedCache[],
  owner: string,
  ownPrefix: string,
  ownRef: string
): number {
  let lowest = Infinity
  for (const index of indexes) {
    if (index.ref === ownRef && isOwnIndexKey(index.key, ownPrefix)) continue
    lowest = Math.min(lowest, pinOfKeyFor(index.key, owner))
  }
  return lowest
}

export interface CleanupStats {
  /** A token was given: deletions were attempted. */
  enabled: boolean
  restRequests: number
  deletedBundles: number
  deletedBytes: number
  deletedIndexes: number
  /** Retired bundles still waiting: younger than the grace period, or named by a pin. */
  waitingBundles: number
  /** Without a token: retired bundles past their grace that could have been deleted. */
  deletableBundles: number
  deletableBytes: number
  error?: string
}

export function newCleanupStats(): CleanupStats {
  return {
    enabled: false,
    restRequests: 0,
    deletedBundles: 0,
    deletedBytes: 0,
    deletedIndexes: 0,
    waitingBundles: 0,
    deletableBundles: 0,
    deletableBytes: 0
  }
}

export interface ScopeCleanupOptions {
  target?: CleanupTarget
  /** This scope's index key prefix. */
  indexPrefix: string
  ref: string
  /** This scope's owner id: the pins that concern it. */
  owner: string
}

/** One scope's clean-up at flush. Failures end the clean-up with a note, never the job. */
export class ScopeCleanup {
  private readonly api?: CacheApi
  /** Indexes listed at the first deletion, reused for the older-index pass. */
  private listed?: ListedCache[]

  constructor(
    private readonly options: ScopeCleanupOptions,
    private readonly stats: CleanupStats
  ) {
    const target = options.target
    if (target?.token && options.ref) {
      this.api = new CacheApi({ ...target, token: target.token })
      stats.enabled = true
    }
  }

  /** Deletes what it may of `retired`; returns the bundles still to delete later. */
  async deleteRetired(retired: RetiredBundle[], nowMs: number): Promise<RetiredBundle[]> {
    const due = retired.filter(r => r.ms <= nowMs - RETIRE_GRACE_MS)
    this.stats.waitingBundles = retired.length - due.length
    if (!this.api) {
      this.stats.deletableBundles = due.length
      this.stats.deletableBytes = due.reduce((n, r) => n + r.bytes, 0)
      return retired
    }
    const left = new Set(retired)
    try {
      const family = /^go-cache-[a-z]*index-/.exec(this.options.indexPrefix)?.[0] ?? 'go-cache-'
      this.listed = await this.api.list(family)
      const { owner, indexPrefix, ref } = this.options
      const pin = lowestPinOn(this.listed, owner, indexPrefix, ref)
      let budget = MAX_DELETES_PER_JOB
      for (const r of due) {
        if (r.ms > pin) {
          this.stats.waitingBundles++
          continue
        }
        if (budget-- <= 0) break
        // Gone already (evicted, or deleted by a job that restored the same index): done too.
        if (await this.api.delete(r.key, this.options.ref)) {
          this.stats.deletedBundles++
          this.stats.deletedBytes += r.bytes
        }
        left.delete(r)
      }
    } catch (err) {
      this.fail(err)
    } finally {
      this.stats.restRequests = this.api.requests
    }
    return [...left]
  }

  /** After this scope saved a new index: its indexes made before `savedMs` are dead weight. */
  async deleteOlderIndexes(savedMs: number): Promise<void> {
    if (!this.api || !this.listed) return
    try {
      for (const index of this.listed) {
        if (index.ref !== this.options.ref) continue
        if (!isOwnIndexKey(index.key, this.options.indexPrefix)) continue
        // The key's time is the saver's clock, the same clock as savedMs.
        if (
          Number(/^(\d+)-/.exec(index.key.slice(this.options.indexPrefix.length))?.[1]) >= savedMs
        ) {
          continue
        }
        if (await this.api.delete(index.key, index.ref)) this.stats.deletedIndexes++
      }
    } catch (err) {
      this.fail(err)
    } finally {
      this.stats.restRequests = this.api.requests
      this.listed = undefined
    }
  }

  private fail(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err)
    this.stats.error ??= message
    log('warn', `cache clean-up stopped: ${message}`)
  }
}

/** REST deletions per job at most: a token's budget is 1,000 requests an hour. */
const MAX_DELETES_PER_JOB = 100
