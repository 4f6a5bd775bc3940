// The cache service's twirp JSON API, as @actions/cache 6.x calls it.

import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Context, evict } from './context.js'
import { TWIRP_METHODS, type Fault, type TwirpMethod } from './faults.js'
import { BodyTooLarge, readBody, sendJson } from './http-util.js'
import { signBlobUrl } from './signing.js'
import { countStatus } from './stats.js'
import { sleep } from './throttle.js'
import { readScopes, verifyToken, writeScope, type TokenClaims } from './token.js'

export const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/'

const MAX_KEY_LENGTH = 512
const MAX_KEYS = 10

const STATUS_OF: Record<string, number> = {
  invalid_argument: 400,
  malformed: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  bad_route: 404,
  deadline_exceeded: 408,
  already_exists: 409,
  failed_precondition: 412,
  resource_exhausted: 429,
  internal: 500,
  unimplemented: 501,
  unavailable: 503
}

function codeOf(status: number): string {
  const code = Object.entries(STATUS_OF).find(([, s]) => s === status)?.[0]
  return code ?? (status >= 500 ? 'internal' : 'unknown')
}

class TwirpError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly status = STATUS_OF[code] ?? 500
  ) {
    super(message)
  }
}

type Body = Record<string, unknown>
type Handler = (ctx: Context, claims: TokenClaims, body: Body) => Body

/** Checks a cache key the way the service does: present, ≤ 512 characters, no commas. */
function checkKey(key: unknown, field: string): string {
  if (typeof key !== 'string' || key === '') {
    throw new TwirpError('invalid_argument', `${field} is required`)
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new TwirpError('invalid_argument', `${field} is longer than ${MAX_KEY_LENGTH} characters`)
  }
  if (key.includes(',')) throw new TwirpError('invalid_argument', `${field} cannot contain commas`)
  return key
}

function checkVersion(version: unknown): string {
  if (typeof version !== 'string' || version === '') {
    throw new TwirpError('invalid_argument', 'version is required')
  }
  return version
}

/** Where a write goes, or the answer that tells the client its token may not write. */
function writableScope(claims: TokenClaims): string | Body {
  return (
    writeScope(claims) ?? {
      ok: false,
      message: 'cache write denied: the token grants no write scope'
    }
  )
}

/**
 * A signed URL's expiry: the configured lifetime, or already past if a fault says so. Whole
 * seconds, as a SAS `se` carries them, so the URL and its reservation expire together.
 */
function urlExpiry(ctx: Context, now: number): number {
  const fault = ctx.faults.take('expired-url')
  if (fault || ctx.faults.roll(ctx.knobs.expiredUrlRate)) {
    ctx.stats.injected.expiredUrls++
    return Math.floor(now / 1000) * 1000 - 1000
  }
  return Math.ceil((now + ctx.knobs.urlExpiryMs) / 1000) * 1000
}

/**
 * A signed download URL. One that a `download-expire` fault expired stays expired, so a URL
 * handed out later in the same second must differ from it: it gets a later expiry, as a URL
 * issued after the old one ran out would.
 */
function downloadUrl(ctx: Context, blob: string, expires: number): string {
  for (;;) {
    const url = signBlobUrl(ctx.baseUrl, ctx.secret, blob, 'r', expires)
    if (!ctx.expiredSignatures.has(new URL(url).searchParams.get('sig') ?? '')) return url
    expires += 1000
  }
}

const createCacheEntry: Handler = (ctx, claims, body) => {
  const key = checkKey(body.key, 'key')
  const version = checkVersion(body.version)
  const scope = writableScope(claims)
  if (typeof scope !== 'string') return scope
  const now = ctx.now()
  const held = ctx.index.reservation(claims.repo, scope, key, version)
  if (ctx.index.exists(claims.repo, scope, key, version) || (held && held.expires > now)) {
    throw new TwirpError(
      'already_exists',
      'cache entry with the same key, version, and scope already exists'
    )
  }
  const { rateLimitPerMinute, rateLimitWindowMs, retryAfterSeconds } = ctx.knobs
  const wait = ctx.rateLimiter.admit(claims.repo, rateLimitPerMinute, rateLimitWindowMs, now)
  if (wait > 0) {
    ctx.stats.rateLimited++
    throw new TwirpError('resource_exhausted', 'too many cache entries created, slow down', {
      'Retry-After': String(Math.min(wait, retryAfterSeconds))
    })
  }
  const blob = randomBytes(16).toString('hex')
  const expires = urlExpiry(ctx, now)
  const taken = ctx.index.reserve({ repo: claims.repo, scope, key, version, blob, expires }, now)
  if (taken.ok && taken.replaced) ctx.blobs.remove(taken.replaced.blob)
  return { ok: true, signed_upload_url: signBlobUrl(ctx.baseUrl, ctx.secret, blob, 'cw', expires) }
}

const finalizeCacheEntryUpload: Handler = (ctx, claims, body) => {
  const key = checkKey(body.key, 'key')
  const version = checkVersion(body.version)
  const size = Number(body.size_bytes ?? 0)
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new TwirpError('invalid_argument', 'size_bytes must be a non-negative integer')
  }
  const scope = writableScope(claims)
  if (typeof scope !== 'string') return scope
  const reservation = ctx.index.reservation(claims.repo, scope, key, version)
  if (!reservation) {
    if (ctx.index.exists(claims.repo, scope, key, version)) {
      throw new TwirpError('already_exists', 'cache entry is already finalized')
    }
    throw new TwirpError('not_found', 'no cache entry is being uploaded with this key and version')
  }
  const uploaded = ctx.blobs.size(reservation.blob)
  if (uploaded === undefined) {
    throw new TwirpError('failed_precondition', 'the archive has not been uploaded')
  }
  if (uploaded !== size) {
    throw new TwirpError(
      'invalid_argument',
      `size_bytes ${size} does not match the uploaded archive's ${uploaded} bytes`
    )
  }
  const entry = ctx.index.commit(reservation, size, ctx.now())
  ctx.stats.entriesCreated++
  evict(ctx)
  return { ok: true, entry_id: String(entry.id) }
}

const getCacheEntryDownloadURL: Handler = (ctx, claims, body) => {
  const key = checkKey(body.key, 'key')
  const restoreKeys = body.restore_keys ?? []
  if (!Array.isArray(restoreKeys)) {
    throw new TwirpError('invalid_argument', 'restore_keys must be a list')
  }
  if (restoreKeys.length + 1 > MAX_KEYS) {
    throw new TwirpError('invalid_argument', `at most ${MAX_KEYS} keys, restore keys included`)
  }
  const keys = [key, ...restoreKeys.map((k, i) => checkKey(k, `restore_keys[${i}]`))]
  const version = checkVersion(body.version)
  const scopes = readScopes(claims)
  if (scopes.length === 0) {
    throw new TwirpError('permission_denied', 'cache read denied: the token grants no read scope')
  }
  const now = ctx.now()
  evict(ctx, now)
  const entry = ctx.index.find(claims.repo, scopes, keys, version)
  if (!entry) {
    ctx.stats.cacheMisses++
    return { ok: false, signed_download_url: '', matched_key: '' }
  }
  ctx.stats.cacheHits++
  entry.lastAccess = now
  return {
    ok: true,
    signed_download_url: downloadUrl(ctx, entry.blob, urlExpiry(ctx, now)),
    matched_key: entry.key
  }
}

const HANDLERS: Record<TwirpMethod, Handler> = {
  CreateCacheEntry: createCacheEntry,
  FinalizeCacheEntryUpload: finalizeCacheEntryUpload,
  GetCacheEntryDownloadURL: getCacheEntryDownloadURL
}

function authenticate(ctx: Context, req: IncomingMessage): TokenClaims {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  if (!match) throw new TwirpError('unauthenticated', 'missing bearer token')
  const claims = verifyToken(ctx.secret, match[1], ctx.now())
  if (typeof claims === 'string') throw new TwirpError('unauthenticated', claims)
  return claims
}

function injectedFault(ctx: Context, method: string): Fault | undefined {
  const forced = ctx.faults.take(`api:${method}` as `api:${TwirpMethod}`, 'api')
  if (forced) return forced
  return ctx.faults.roll(ctx.knobs.apiErrorRate) ? { kind: 'api' } : undefined
}

export async function handleTwirp(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  method: string
): Promise<void> {
  const known = (TWIRP_METHODS as readonly string[]).includes(method)
  const op = known ? (method as TwirpMethod) : 'unknownMethod'
  ctx.stats.api[op]++
  const reply = (status: number, body: Body, headers?: Record<string, string>) => {
    countStatus(ctx.stats, op, status)
    sendJson(res, status, body, headers)
    ctx.log(`${method} ${status}${body.code ? ` ${body.code}: ${body.msg}` : ''}`)
  }
  try {
    if (ctx.knobs.apiLatencyMs > 0) await sleep(ctx.knobs.apiLatencyMs)
    const fault = injectedFault(ctx, method)
    if (fault) {
      ctx.stats.injected.apiErrors++
      const status = fault.status ?? 500
      const headers: Record<string, string> =
        status === 429 ? { 'Retry-After': String(ctx.knobs.retryAfterSeconds) } : {}
      throw new TwirpError(codeOf(status), `injected fault (${status})`, headers, status)
    }
    if (!known || req.method !== 'POST') {
      throw new TwirpError('bad_route', `no handler for ${req.method} ${method}`)
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      throw new TwirpError('bad_route', 'only application/json requests are served')
    }
    let claims: TokenClaims
    try {
      claims = authenticate(ctx, req)
    } catch (err) {
      ctx.stats.unauthenticated++
      throw err
    }
    let body: unknown
    try {
      body = JSON.parse((await readBody(req, 1 << 20)).toString('utf8'))
    } catch (err) {
      throw new TwirpError('malformed', err instanceof BodyTooLarge ? err.message : 'invalid JSON')
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new TwirpError('malformed', 'the request must be a JSON object')
    }
    reply(200, HANDLERS[op as TwirpMethod](ctx, claims, body as Body))
  } catch (err) {
    if (!(err instanceof TwirpError)) ctx.log(`${method}: ${(err as Error).stack ?? err}`)
    const { code, message, headers, status } =
      err instanceof TwirpError ? err : new TwirpError('internal', (err as Error).message)
    reply(status, { code, msg: message }, headers)
  }
}
