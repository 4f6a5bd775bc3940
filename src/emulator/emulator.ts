// startEmulator(): an emulator of the GitHub Actions cache service (v2) on one local port:
// the twirp API, the blob endpoints behind its signed URLs, the REST API's cache endpoints,
// and /_emulator/ controls. Its clock can run ahead of the real one (advanceClock()).

import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { BLOB_PREFIX, handleBlob } from './blob-http.js'
import { BlobStore } from './blob-store.js'
import { evict as evictDue, type Context } from './context.js'
import { CONTROL_PREFIX, handleControl } from './control.js'
import { EntryIndex } from './entries.js'
import { Faults, type FaultSpec } from './faults.js'
import { sendJson } from './http-util.js'
import { DEFAULT_KNOBS, KnobError, mergeKnobs, type Knobs } from './knobs.js'
import { RateLimiter } from './ratelimit.js'
import { REST_PREFIX, handleRest } from './rest.js'
import { emptyStats, type Stats } from './stats.js'
import { Bandwidth } from './throttle.js'
import { mintApiToken, mintToken, type ApiTokenRequest, type TokenRequest } from './token.js'
import { TWIRP_PREFIX, handleTwirp } from './twirp.js'

export interface EmulatorOptions extends Partial<Knobs> {
  /** Default 0: any free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Where blobs are kept; default a new temp dir, removed by close(). */
  dataDir?: string
  /** Key that signs tokens and URLs; default random (tokens die with the emulator). */
  secret?: string
  /** Receives one line per request and notable event; default silent. */
  log?: (line: string) => void
}

export interface EntryInfo {
  id: number
  repo: string
  scope: string
  key: string
  version: string
  size: number
  created: string
  lastAccess: string
}

export interface Emulator {
  /** The value for ACTIONS_RESULTS_URL, with a trailing slash. */
  readonly url: string
  /** The value for GITHUB_API_URL: the same server, without the trailing slash. */
  readonly apiUrl: string
  readonly port: number
  readonly dataDir: string
  /** A runtime token (JWT) for a ref, or for the scopes of a TokenRequest. */
  token(scope: string | TokenRequest): string
  /** The environment @actions/cache needs to talk to this emulator with that token. */
  env(scope: string | TokenRequest): Record<string, string>
  /**
   * A REST API token (a job's GITHUB_TOKEN) for a repository with an `actions` permission:
   * read lists caches, write also deletes them. Runtime tokens do not work on the REST API.
   */
  apiToken(request: ApiTokenRequest): string
  /** The emulator's clock, ms since the epoch: Date.now() plus the clockOffsetMs knob. */
  now(): number
  /**
   * Moves the clock ms ahead (adds to clockOffsetMs), then evicts what the service's hourly
   * eviction would have by then. Returns the new now().
   */
  advanceClock(ms: number): number
  knobs(): Knobs
  /** Changes knobs while running; throws KnobError on a bad one. Returns the new knobs. */
  configure(patch: Partial<Knobs>): Knobs
  /** Makes the next fault.count requests of fault.kind fail; throws FaultError if malformed. */
  injectFault(fault: FaultSpec): void
  pendingFaults(): FaultSpec[]
  clearFaults(): void
  stats(): Stats
  resetStats(): void
  entries(): EntryInfo[]
  /**
   * Evicts every entry whose key starts with keyPrefix, as the service does past its limits:
   * `entry` removes entry and blob (lookups miss); `blob` deletes only the blob, so lookups
   * still match and hand out a URL that answers 404 (a stale entry). Returns how many.
   */
  evict(keyPrefix: string, how?: 'entry' | 'blob'): number
  close(): Promise<void>
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { port = 0, host = '127.0.0.1', dataDir, secret, log = () => {}, ...knobPatch } = options
  const knobs = mergeKnobs({ ...DEFAULT_KNOBS }, knobPatch)
  const ownDir = !dataDir
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'go-cache-emulator-'))
  const ctx: Context = {
    knobs,
    now: () => Date.now() + ctx.knobs.clockOffsetMs,
    stats: emptyStats(),
    secret: secret ? Buffer.from(secret) : randomBytes(32),
    baseUrl: '',
    faults: new Faults(knobs.seed),
    index: new EntryIndex(),
    blobs: new BlobStore(dir),
    rateLimiter: new RateLimiter(),
    expiredSignatures: new Set(),
    uploadLink: new Bandwidth(() => ctx.knobs.blobBandwidthBytesPerSec),
    downloadLink: new Bandwidth(() => ctx.knobs.blobBandwidthBytesPerSec),
    log
  }

  const emulator: Emulator = {
    get url() {
      return ctx.baseUrl
    },
    get apiUrl() {
      return ctx.baseUrl.replace(/\/$/, '')
    },
    get port() {
      return (server.address() as AddressInfo).port
    },
    dataDir: dir,
    token: scope =>
      mintToken(ctx.secret, typeof scope === 'string' ? { ref: scope } : scope, ctx.now()),
    env: scope => ({
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: ctx.baseUrl,
      ACTIONS_RUNTIME_TOKEN: emulator.token(scope)
    }),
    apiToken: request => {
      try {
        return mintApiToken(ctx.secret, request, ctx.now())
      } catch (err) {
        throw new KnobError((err as Error).message)
      }
    },
    now: () => ctx.now(),
    advanceClock: ms => {
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        throw new KnobError(`advanceClock takes a non-negative number of ms, not ${ms}`)
      }
      emulator.configure({ clockOffsetMs: ctx.knobs.clockOffsetMs + ms })
      return ctx.now()
    },
    knobs: () => ({ ...ctx.knobs }),
    configure: patch => {
      const next = mergeKnobs(ctx.knobs, patch)
      if ('seed' in patch) ctx.faults.reseed(next.seed)
      ctx.knobs = next
      // A clock moved on: evict what the service's hourly eviction would have by now.
      if (patch.clockOffsetMs !== undefined) evictDue(ctx)
      return { ...next }
    },
    injectFault: fault => ctx.faults.force(fault),
    pendingFaults: () => ctx.faults.pending(),
    clearFaults: () => ctx.faults.clear(),
    stats: () => structuredClone(ctx.stats),
    resetStats: () => {
      ctx.stats = emptyStats()
    },
    entries: () =>
      ctx.index.list().map(e => ({
        id: e.id,
        repo: e.repo,
        scope: e.scope,
        key: e.key,
        version: e.version,
        size: e.size,
        created: new Date(e.created).toISOString(),
        lastAccess: new Date(e.lastAccess).toISOString()
      })),
    evict: (keyPrefix, how = 'entry') => {
      if (keyPrefix === '') throw new KnobError('evict needs a non-empty key prefix')
      const hit = how === 'entry' ? ctx.index.remove(keyPrefix) : ctx.index.matching(keyPrefix)
      for (const e of hit) {
        ctx.blobs.remove(e.blob)
        if (how === 'entry') ctx.stats.entriesEvicted++
        log(`evicted (${how}) ${e.repo} ${e.scope} ${JSON.stringify(e.key)}`)
      }
      return hit.length
    },
    close: async () => {
      await new Promise<void>(resolve => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      if (ownDir) fs.rmSync(dir, { recursive: true, force: true })
    }
  }

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', ctx.baseUrl)
    // Every answer's Date is the emulator's clock, not the real one Node would write.
    res.setHeader('Date', new Date(ctx.now()).toUTCString())
    if (url.pathname.startsWith(TWIRP_PREFIX)) {
      return handleTwirp(ctx, req, res, url.pathname.slice(TWIRP_PREFIX.length))
    }
    if (url.pathname.startsWith(BLOB_PREFIX)) return handleBlob(ctx, req, res, url)
    if (url.pathname.startsWith(REST_PREFIX)) return handleRest(ctx, req, res, url)
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      return handleControl(emulator, req, res, url.pathname.slice(CONTROL_PREFIX.length))
    }
    if (url.pathname.startsWith('/twirp/')) {
      ctx.stats.api.unknownMethod++
      return sendJson(res, 404, { code: 'bad_route', msg: `no service at ${url.pathname}` })
    }
    sendJson(res, 404, { error: `nothing at ${url.pathname}` })
  }

  // Slow, throttled uploads may take longer than Node's default 5-minute request timeout.
  const server = createServer({ requestTimeout: 0 }, (req, res) => {
    route(req, res).catch(err => {
      log(`unhandled: ${(err as Error).stack ?? err}`)
      if (!res.headersSent) sendJson(res, 500, { error: String(err) })
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const bound = (server.address() as AddressInfo).port
  ctx.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${bound}/`
  return emulator
}
