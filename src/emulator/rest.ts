// The REST API's cache management endpoints (GITHUB_API_URL), as GitHub serves them:
//   GET    /repos/{owner}/{repo}/actions/caches             list (key prefix, ref, sort, pages)
//   DELETE /repos/{owner}/{repo}/actions/caches?key=K&ref=R  delete every entry with key K
//   DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}   delete one entry
// with GitHub's error bodies. They take REST tokens (emulator.apiToken()), not runtime tokens.

import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Context, evict } from './context.js'
import type { Entry } from './entries.js'
import { drain, sendJson } from './http-util.js'
import { countStatus, type RestOp } from './stats.js'
import { sleep } from './throttle.js'
import { verifyApiToken, type ApiTokenClaims } from './token.js'

export const REST_PREFIX = '/repos/'

const CACHES = /^\/repos\/([^/]+)\/([^/]+)\/actions\/caches(?:\/([^/]*))?$/
const DOCS = 'https://docs.github.com/rest/actions/cache'
const ANCHORS: Record<RestOp, string> = {
  list: '#list-github-actions-caches-for-a-repository',
  deleteByKey: '#delete-github-actions-caches-for-a-repository-using-a-cache-key',
  deleteById: '#delete-a-github-actions-cache-for-a-repository-using-a-cache-id',
  other: ''
}
const DEFAULT_PER_PAGE = 30
const MAX_PER_PAGE = 100

const SORTS = {
  created_at: (e: Entry) => e.created,
  last_accessed_at: (e: Entry) => e.lastAccess,
  size_in_bytes: (e: Entry) => e.size
} as const

type Body = Record<string, unknown>

class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Body = {}
  ) {
    super(message)
  }
}

/** The JSON of one cache, as the REST API shows it. */
function shown(e: Entry): Body {
  return {
    id: e.id,
    ref: e.scope,
    key: e.key,
    version: e.version,
    last_accessed_at: new Date(e.lastAccess).toISOString(),
    created_at: new Date(e.created).toISOString(),
    size_in_bytes: e.size
  }
}

/** A ref filter: the API takes `refs/heads/main`, and a bare branch name as the same. */
function refOf(query: URLSearchParams): string | undefined {
  const ref = query.get('ref')
  if (!ref) return undefined
  return ref.startsWith('refs/') ? ref : `refs/heads/${ref}`
}

function positive(text: string | null, fallback: number): number {
  const n = Number.parseInt(text ?? '', 10)
  return Number.isSafeInteger(n) && n >= 1 ? n : fallback
}

function invalid(field: string, value: string, allowed: readonly string[]): RestError {
  return new RestError(422, 'Validation Failed', {
    errors: [
      {
        resource: 'ActionsCache',
        field,
        code: 'invalid',
        message: `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`
      }
    ]
  })
}

/** A page of links (prev, next, last, first) for the Link header; undefined for one page. */
function linkHeader(ctx: Context, url: URL, page: number, last: number): string | undefined {
  if (last <= 1 && page <= 1) return undefined
  const to = (n: number) => {
    const target = new URL(url.pathname + url.search, ctx.baseUrl)
    target.searchParams.set('page', String(n))
    return `<${target.href}>`
  }
  const links: string[] = []
  if (page > 1) links.push(`${to(Math.min(page - 1, last))}; rel="prev"`)
  if (page < last) links.push(`${to(page + 1)}; rel="next"`, `${to(last)}; rel="last"`)
  if (page > 1) links.push(`${to(1)}; rel="first"`)
  return links.join(', ')
}

function list(ctx: Context, entries: Entry[], url: URL): [Body, Record<string, string>] {
  const q = url.searchParams
  const perPage = Math.min(positive(q.get('per_page'), DEFAULT_PER_PAGE), MAX_PER_PAGE)
  const page = positive(q.get('page'), 1)
  const sort = q.get('sort') || 'last_accessed_at'
  if (!(sort in SORTS)) throw invalid('sort', sort, Object.keys(SORTS))
  const direction = q.get('direction') || 'desc'
  if (direction !== 'asc' && direction !== 'desc') {
    throw invalid('direction', direction, ['asc', 'desc'])
  }
  const key = q.get('key') ?? ''
  const ref = refOf(q)
  const by = SORTS[sort as keyof typeof SORTS]
  const sign = direction === 'asc' ? 1 : -1
  const matching = entries
    .filter(e => e.key.startsWith(key) && (!ref || e.scope === ref))
    .sort((a, b) => sign * (by(a) - by(b) || a.id - b.id))
  const caches = matching.slice((page - 1) * perPage, page * perPage)
  const last = Math.max(1, Math.ceil(matching.length / perPage))
  const link = linkHeader(ctx, url, page, last)
  return [
    { total_count: matching.length, actions_caches: caches.map(shown) },
    link ? { Link: link } : {}
  ]
}

/** Deletes entries with their blobs, as an eviction would, counting them as deleted. */
function remove(ctx: Context, pick: (e: Entry) => boolean): Entry[] {
  const gone = ctx.index.removeWhere(pick)
  for (const e of gone) {
    ctx.blobs.remove(e.blob)
    ctx.stats.entriesDeleted++
    ctx.log(`deleted ${e.repo} ${e.scope} ${JSON.stringify(e.key)} (REST)`)
  }
  return gone
}

/** The token's claims; a RestError 401 when there is none or it is not a valid REST token. */
function authenticate(ctx: Context, req: IncomingMessage): ApiTokenClaims {
  const header = req.headers.authorization ?? ''
  if (header.trim() === '') throw new RestError(401, 'Requires authentication')
  const match = /^(?:Bearer|token)\s+(\S+)\s*$/i.exec(header)
  const claims = match ? verifyApiToken(ctx.secret, match[1], ctx.now()) : 'malformed header'
  if (typeof claims === 'string') {
    ctx.log(`REST token refused: ${claims}`)
    throw new RestError(401, 'Bad credentials')
  }
  return claims
}

function operation(method: string | undefined, match: RegExpExecArray | null): RestOp {
  if (!match) return 'other'
  const id = match[3]
  if (method === 'GET' && id === undefined) return 'list'
  if (method === 'DELETE') return id === undefined ? 'deleteByKey' : 'deleteById'
  return 'other'
}

export async function handleRest(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL
): Promise<void> {
  const match = CACHES.exec(url.pathname)
  const op = operation(req.method, match)
  ctx.stats.rest.requests++
  ctx.stats.rest[op]++
  const reply = (status: number, body?: Body, headers?: Record<string, string>) => {
    countStatus(ctx.stats, `rest:${op}`, status)
    if (body === undefined) {
      res.writeHead(status, headers)
      res.end()
    } else {
      sendJson(res, status, body, headers)
    }
    ctx.log(`REST ${req.method} ${url.pathname}${url.search} ${status}`)
  }
  try {
    await drain(req)
    if (ctx.knobs.apiLatencyMs > 0) await sleep(ctx.knobs.apiLatencyMs)
    const fault = ctx.faults.take('rest')
    if (fault) {
      ctx.stats.injected.restErrors++
      throw new RestError(fault.status ?? 500, `injected fault (${fault.status ?? 500})`)
    }
    let claims: ApiTokenClaims
    try {
      claims = authenticate(ctx, req)
    } catch (err) {
      ctx.stats.unauthenticated++
      throw err
    }
    if (!match || op === 'other') throw new RestError(404, 'Not Found')
    const repo = `${decodeURIComponent(match[1])}/${decodeURIComponent(match[2])}`.toLowerCase()
    // GitHub answers 404, not 403, for a repository the token cannot see.
    if (claims.repo.toLowerCase() !== repo) throw new RestError(404, 'Not Found')
    const needed = op === 'list' ? ['read', 'write'] : ['write']
    if (!needed.includes(claims.actions)) {
      throw new RestError(403, 'Resource not accessible by integration')
    }
    evict(ctx)
    const own = (e: Entry) => e.repo.toLowerCase() === repo
    if (op === 'list') {
      const [body, headers] = list(ctx, ctx.index.list().filter(own), url)
      return reply(200, body, headers)
    }
    if (op === 'deleteByKey') {
      const key = url.searchParams.get('key')
      if (!key) throw new RestError(422, 'Invalid request.\n\n"key" wasn\'t supplied.')
      const ref = refOf(url.searchParams)
      const gone = remove(ctx, e => own(e) && e.key === key && (!ref || e.scope === ref))
      if (gone.length === 0) throw new RestError(404, 'Not Found')
      return reply(200, { total_count: gone.length, actions_caches: gone.map(shown) })
    }
    const id = match[3]
    const gone = /^\d+$/.test(id) ? remove(ctx, e => own(e) && e.id === Number(id)) : []
    if (gone.length === 0) throw new RestError(404, 'Not Found')
    return reply(204)
  } catch (err) {
    if (!(err instanceof RestError)) ctx.log(`REST: ${(err as Error).stack ?? err}`)
    const { status, message, extra } =
      err instanceof RestError ? err : new RestError(500, 'Server Error')
    const anchor = status === 403 || status === 422 ? ANCHORS[op] : ''
    reply(status, {
      message,
      ...extra,
      documentation_url: anchor ? `${DOCS}${anchor}` : 'https://docs.github.com/rest',
      status: String(status)
    })
  }
}
