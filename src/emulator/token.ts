// ACTIONS_RUNTIME_TOKEN look-alikes: HS256 JWTs whose `ac` claim lists the cache scopes, as
// the runner's tokens do ('[{"Scope":"refs/heads/main","Permission":3}]'; 1 read, 2 write).

import { createHmac, timingSafeEqual } from 'node:crypto'

export const READ = 1
export const WRITE = 2

export interface ScopeGrant {
  scope: string
  permission: number
}

export interface TokenRequest {
  /** The run's ref: written to, read first. A PR's is refs/pull/N/merge. */
  ref: string
  /** Read after ref and baseRef; default refs/heads/main. */
  defaultBranch?: string
  /** A PR's base branch, read after ref. */
  baseRef?: string
  /** Repository the token belongs to: entries, size caps and rate limits are per repository. */
  repo?: string
  /** Drops the write permission (what the runner does for untrusted events). */
  readOnly?: boolean
  /** Explicit grants, replacing those derived from ref/baseRef/defaultBranch. */
  scopes?: ScopeGrant[]
  /** Lifetime in seconds; default 6 hours. */
  ttlSec?: number
}

export interface TokenClaims {
  repo: string
  scopes: ScopeGrant[]
}

export const DEFAULT_REPO = 'owner/repo'

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url')
}

function grantsFor(req: TokenRequest): ScopeGrant[] {
  if (req.scopes) return req.scopes
  const grants: ScopeGrant[] = [{ scope: req.ref, permission: req.readOnly ? READ : READ | WRITE }]
  for (const scope of [req.baseRef, req.defaultBranch ?? 'refs/heads/main']) {
    if (scope && !grants.some(g => g.scope === scope)) grants.push({ scope, permission: READ })
  }
  return grants
}

export function mintToken(secret: Buffer, req: TokenRequest, nowMs: number): string {
  if (!req.ref && !req.scopes) throw new Error('a token needs a ref or explicit scopes')
  const now = Math.floor(nowMs / 1000)
  const payload = {
    iss: 'go-cache-action-emulator',
    aud: 'vso:emulator',
    nbf: now - 60,
    iat: now,
    exp: now + (req.ttlSec ?? 6 * 3600),
    repo: req.repo ?? DEFAULT_REPO,
    ac: JSON.stringify(grantsFor(req).map(g => ({ Scope: g.scope, Permission: g.permission })))
  }
  const body = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`
  return `${body}.${b64url(createHmac('sha256', secret).update(body).digest())}`
}

/** The token's claims, or a reason it is refused. */
export function verifyToken(secret: Buffer, token: string, nowMs: number): TokenClaims | string {
  const parts = token.split('.')
  if (parts.length !== 3) return 'malformed token'
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest()
  const given = Buffer.from(parts[2], 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'bad token signature'
  }
  let payload: { exp?: unknown; nbf?: unknown; repo?: unknown; ac?: unknown }
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
  } catch {
    return 'malformed token payload'
  }
  const now = nowMs / 1000
  if (typeof payload.exp !== 'number' || payload.exp < now) return 'token expired'
  if (typeof payload.nbf === 'number' && payload.nbf > now) return 'token not yet valid'
  try {
    const ac = JSON.parse(String(payload.ac)) as { Scope: unknown; Permission: unknown }[]
    const scopes = ac.map(g => ({ scope: String(g.Scope), permission: Number(g.Permission) }))
    return { repo: typeof payload.repo === 'string' ? payload.repo : DEFAULT_REPO, scopes }
  } catch {
    return 'token has no valid ac claim'
  }
}

/** Where this token's new entries go: the first scope it may write. */
export function writeScope(claims: TokenClaims): string | undefined {
  return claims.scopes.find(g => g.permission & WRITE)?.scope
}

/** The scopes searched on restore, in the order the token lists them. */
export function readScopes(claims: TokenClaims): string[] {
  return claims.scopes.filter(g => g.permission & READ).map(g => g.scope)
}

// REST API tokens: the GITHUB_TOKEN of a job, another kind than the runtime JWT above (neither
// works in the other's place). `ghs_` as GitHub's installation tokens start, then a payload and
// its HMAC, keyed apart from the JWTs' so one can never pass for the other.

/** What the token's `actions` permission allows: read (list) or write (list and delete). */
export type ActionsPermission = 'read' | 'write' | 'none'

export interface ApiTokenRequest {
  /** The repository the token is for (owner/repo); default owner/repo. */
  repo?: string
  /** The `actions` permission (`permissions: actions: write` in a workflow). */
  actions: ActionsPermission
  /** Lifetime in seconds; default 6 hours (a GITHUB_TOKEN lives as long as its job). */
  ttlSec?: number
}

export interface ApiTokenClaims {
  repo: string
  actions: ActionsPermission
}

export const API_TOKEN_PREFIX = 'ghs_'
const PERMISSIONS: readonly ActionsPermission[] = ['read', 'write', 'none']

function apiSignature(secret: Buffer, payload: string): string {
  return b64url(createHmac('sha256', secret).update(`rest-api-token\n${payload}`).digest())
}

export function mintApiToken(secret: Buffer, req: ApiTokenRequest, nowMs: number): string {
  if (!PERMISSIONS.includes(req.actions)) {
    throw new Error(`actions must be one of ${PERMISSIONS.join(', ')}`)
  }
  const now = Math.floor(nowMs / 1000)
  const payload = b64url(
    JSON.stringify({
      repo: req.repo ?? DEFAULT_REPO,
      actions: req.actions,
      iat: now,
      exp: now + (req.ttlSec ?? 6 * 3600)
    })
  )
  return `${API_TOKEN_PREFIX}${payload}.${apiSignature(secret, payload)}`
}

/** The REST token's claims, or a reason it is refused. */
export function verifyApiToken(
  secret: Buffer,
  token: string,
  nowMs: number
): ApiTokenClaims | string {
  if (!token.startsWith(API_TOKEN_PREFIX)) return 'not a REST API token'
  const [payload, sig, ...rest] = token.slice(API_TOKEN_PREFIX.length).split('.')
  if (rest.length > 0 || !payload || !sig) return 'malformed token'
  const expected = Buffer.from(apiSignature(secret, payload))
  const given = Buffer.from(sig)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'bad token signature'
  }
  let claims: { repo?: unknown; actions?: unknown; exp?: unknown; iat?: unknown }
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return 'malformed token payload'
  }
  const now = nowMs / 1000
  if (typeof claims.exp !== 'number' || claims.exp < now) return 'token expired'
  if (typeof claims.iat === 'number' && claims.iat > now + 60) return 'token not yet valid'
  if (typeof claims.repo !== 'string' || !PERMISSIONS.includes(claims.actions as never)) {
    return 'malformed token payload'
  }
  return { repo: claims.repo, actions: claims.actions as ActionsPermission }
}
