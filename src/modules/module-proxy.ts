// The daemon's Go module proxy (GOPROXY protocol) on a loopback port. Go finds it first in
// GOPROXY, joined to the job's own chain with `|`, so any error here only sends Go on to that
// chain. It serves the files of a version (.info, .mod, .zip: immutable) from the module store,
// from module bundles, or from the job's upstream chain once (then kept for the next bundle);
// everything that changes over time (list, @latest, queries) and checksum databases are left
// to the job's chain with a 404. A request without this job's secret gets a bare 404.

import { createHash, timingSafeEqual } from 'node:crypto'
import * as fs from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { RemoteCache } from '../remote/remote-cache.js'
import type { LocalStore, StoredEntry } from '../store/local-store.js'
import { log } from '../util/log.js'
import { parseModuleRequest, type ModuleFileRequest } from './module-request.js'
import { newModuleStats, type ModuleStats } from './module-stats.js'
import type { Upstream } from './upstream.js'

export interface ModuleProxyOptions {
  store: LocalStore
  /** Module bundles in the cache service; without it, this runner's store only. */
  remote?: RemoteCache
  upstream: Upstream
  /** The first path element of every request: other local users cannot guess it. */
  secret: string
}

const CONTENT_TYPES = {
  info: 'application/json',
  mod: 'text/plain; charset=utf-8',
  zip: 'application/zip'
}

/** A module file's name in the store: its escaped request path, under its own namespace. */
export function moduleActionID(requestPath: string): Buffer {
  return createHash('sha256').update(`go-cache-module\n${requestPath}`).digest()
}

/** Fetched from upstream, stored (or not, with the status Go should get). */
type FetchOutcome = { stored: StoredEntry } | { status: number }

export class ModuleProxy {
  readonly stats: ModuleStats = newModuleStats()
  private server?: Server
  private readonly fetching = new Map<string, Promise<FetchOutcome>>()
  private readonly secret: Buffer

  constructor(private readonly options: ModuleProxyOptions) {
    this.secret = Buffer.from(options.secret)
  }

  /** Listens on 127.0.0.1 (Go cannot use a Unix socket for GOPROXY); returns the port. */
  async listen(port = 0): Promise<number> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(err => {
        this.stats.failed++
        log('warn', `module proxy: ${(err as Error).message}`)
        if (!res.headersSent) send(res, 502, 'module proxy error')
        else res.destroy()
      })
    })
    this.server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    return (server.address() as AddressInfo).port
  }

  async close(): Promise<void> {
    const server = this.server
    if (!server) return
    await new Promise<void>(resolve => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawPath = (req.url ?? '/').split('?')[0]
    const slash = rawPath.indexOf('/', 1)
    const given = Buffer.from(rawPath.slice(1, slash < 0 ? undefined : slash))
    if (slash < 0 || given.length !== this.secret.length || !timingSafeEqual(given, this.secret)) {
      this.stats.refused++
      return send(res, 404, '')
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only')
    let rest: string
    try {
      rest = decodeURIComponent(rawPath.slice(slash + 1))
    } catch {
      this.stats.refused++
      return send(res, 400, 'malformed path')
    }
    const request = parseModuleRequest(rest)
    if (!request) {
      this.stats.refused++
      return send(res, 400, 'not a module proxy path')
    }
    if (request.kind !== 'file') {
      // Lists, @latest, queries and sumdb: the job's own chain answers them, always fresh.
      this.stats.passedOn++
      return send(res, 404, 'not served by the go-cache module proxy')
    }
    await this.serveFile(request, req, res)
  }

  private async serveFile(
    request: ModuleFileRequest,
    req: IncomingMessage,
    res: ServerResponse
  ): Promise<void> {
    this.stats.files++
    const actionID = moduleActionID(request.path)
    const { store, remote } = this.options
    let entry = await store.get(actionID)
    if (entry) {
      if (remote?.noteLocalHit(actionID)) this.stats.fromService++
      else this.stats.fromRunner++
    } else if (remote && (await remote.fetch(actionID))) {
      entry = await store.get(actionID)
      if (entry) this.stats.fromService++
    }
    if (entry) return this.sendStored(entry, request, req, res)
    const running = this.fetching.get(request.path)
    if (running) {
      // Someone fetches it already: one download, then this one is served from the store.
      const outcome = await running
      if ('status' in outcome) return send(res, outcome.status, 'not available upstream')
      return this.sendStored(outcome.stored, request, req, res)
    }
    const fetch = this.fetchUpstream(request, actionID, res).finally(() =>
      this.fetching.delete(request.path)
    )
    this.fetching.set(request.path, fetch)
    await fetch
  }

  private sendStored(
    entry: StoredEntry,
    request: ModuleFileRequest,
    req: IncomingMessage,
    res: ServerResponse
  ): Promise<void> {
    this.stats.bytesServed += entry.size
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[request.ext],
      'Content-Length': String(entry.size)
    })
    if (req.method === 'HEAD') {
      res.end()
      return Promise.resolve()
    }
    return new Promise<void>((resolve, reject) => {
      const file = fs.createReadStream(entry.diskPath)
      file.on('error', reject)
      res.on('close', resolve)
      file.pipe(res)
    })
  }

  /**
   * Streams the upstream body to Go and, hashing it on the way, into the store; only a body
   * that arrived whole (its Content-Length, when given) is kept and added to a bundle.
   */
  private async fetchUpstream(
    request: ModuleFileRequest,
    actionID: Buffer,
    res: ServerResponse
  ): Promise<FetchOutcome> {
    const answer = await this.options.upstream.fetch(request.path)
    if (answer.status !== 'found') {
      if (answer.status === 'failed') log('info', `module proxy: ${request.path}: ${answer.reason}`)
      const status = answer.status === 'not-found' ? 404 : 502
      this.stats[answer.status === 'not-found' ? 'notFound' : 'failed']++
      send(res, status, answer.status === 'not-found' ? 'not found upstream' : 'upstream failed')
      return { status }
    }
    const { store, remote } = this.options
    const tmp = store.tmpPath()
    const hash = createHash('sha256')
    let size = 0
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[request.ext],
      ...(answer.size !== undefined && { 'Content-Length': String(answer.size) })
    })
    // Go reads from loopback faster than any upstream sends: its copy is not throttled.
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk)
        size += chunk.length
        if (!res.destroyed) res.write(chunk)
        done(null, chunk)
      }
    })
    try {
      await pipeline(answer.body, tap, fs.createWriteStream(tmp, { flags: 'wx' }))
      if (answer.size !== undefined && size !== answer.size) {
        throw new Error(`upstream sent ${size} of ${answer.size} bytes`)
      }
    } catch (err) {
      await fs.promises.rm(tmp, { force: true })
      // Go sees a broken answer, so it tries its own chain; nothing was stored.
      res.destroy()
      this.stats.failed++
      log('info', `module proxy: ${request.path} from ${answer.from}: ${(err as Error).message}`)
      return { status: 502 }
    }
    res.end()
    // Counted once the file arrived whole: a broken transfer counts as failed only.
    this.stats.fromUpstream++
    this.stats.bytesFetched += size
    this.stats.bytesServed += size
    const outputHex = hash.digest('hex')
    const diskPath = await store.publishOutput(outputHex, size, tmp)
    const timeMs = Date.now()
    await store.writeRecord(actionID.toString('hex'), { outputHex, size, timeMs })
    remote?.recordPut({
      actionID,
      outputID: Buffer.from(outputHex, 'hex'),
      size,
      timeMs,
      path: diskPath
    })
    const stored = await store.get(actionID)
    return stored ? { stored } : { status: 502 }
  }
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(text)
}
