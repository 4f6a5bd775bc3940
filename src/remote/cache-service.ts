// The cache service's twirp API as the direct download and upload paths call it: one JSON
// POST per call with the runtime token. No retries here: a refused or failed call is the
// caller's to count and retry (the uploader backs off on 429s for every upload at once).

import { createHash } from 'node:crypto'
import { readText, request } from './http-request.js'

const SERVICE_PATH = '/twirp/github.actions.results.api.v1.CacheService/'
const API_TIMEOUT_MS = 30_000
/** @actions/cache's name for the zstd archives it makes, part of every entry's version. */
const ZSTD_METHOD = 'zstd-without-long'
const VERSION_SALT = '1.0'

/** The version @actions/cache gives an entry it saved from `paths` with zstd on this OS. */
export function zstdEntryVersion(paths: string[]): string {
  const parts = [...paths, ZSTD_METHOD]
  if (process.platform === 'win32') parts.push('windows-only')
  parts.push(VERSION_SALT)
  return createHash('sha256').update(parts.join('|')).digest('hex')
}

/** The service (or a blob behind a signed URL) answered with an error status. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status = 0,
    /** From a Retry-After header, when there was one. */
    readonly retryAfterMs?: number
  ) {
    super(message)
  }
}

export class CacheService {
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string
  ) {}

  /** Undefined where cache service v2 is not what this job talks to. */
  static create(env: NodeJS.ProcessEnv = process.env): CacheService | undefined {
    if (env.ACTIONS_CACHE_SERVICE_V2 === 'false') return undefined
    const baseUrl = env.ACTIONS_RESULTS_URL
    const token = env.ACTIONS_RUNTIME_TOKEN
    if (!baseUrl || !token) return undefined
    return new CacheService(baseUrl, token)
  }

  /** Calls `method` and returns its JSON answer; an error status throws a ServiceError. */
  async call<T>(method: string, body: object): Promise<T> {
    const response = await request(new URL(SERVICE_PATH + method, this.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
      body: JSON.stringify(body),
      timeoutMs: API_TIMEOUT_MS
    })
    const text = await readText(response)
    const status = response.statusCode ?? 0
    if (status >= 200 && status <= 299) return JSON.parse(text) as T
    const retryAfter = Number(response.headers['retry-after'])
    const retryAfterMs =
      Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined
    const wait = retryAfterMs === undefined ? '' : ` (retry after ${retryAfter} s)`
    throw new ServiceError(
      `${method} answered HTTP ${status}${wait}: ${text.slice(0, 200)}`,
      status,
      retryAfterMs
    )
  }
}
