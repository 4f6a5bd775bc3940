// The job's own GOPROXY chain, as the daemon walks it to fetch a module file it does not have:
// the same order and fall-through rules as Go (cmd/go/internal/modfetch proxyList, TryProxies).
// `direct` and `off` end the walk: VCS fetches and refusals stay with Go, which tries its own
// chain after ours whenever we answer an error.

import * as fs from 'node:fs'
import type { IncomingMessage } from 'node:http'
import * as path from 'node:path'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { request } from '../remote/http-request.js'

export interface ProxyEntry {
  /** An http(s) or file URL with no trailing slash, or `direct` / `off`. */
  url: string
  /** After `|`: the next entry is tried on any error, not only on 404/410. */
  fallBackOnError: boolean
}

/** Splits a GOPROXY value as Go does; entries after `direct` or `off` are never reached. */
export function parseProxyList(goproxy: string): ProxyEntry[] {
  const entries: ProxyEntry[] = []
  let rest = goproxy
  while (rest !== '') {
    const at = rest.search(/[,|]/)
    const raw = at >= 0 ? rest.slice(0, at) : rest
    const fallBackOnError = at >= 0 && rest[at] === '|'
    rest = at >= 0 ? rest.slice(at + 1) : ''
    let url = raw.trim()
    if (url === '') continue
    if (url === 'off' || url === 'direct') {
      entries.push({ url, fallBackOnError: false })
      break
    }
    if (/[.:/]/.test(url) && !url.includes(':/') && !url.startsWith('/')) url = `https://${url}`
    entries.push({ url: url.replace(/\/+$/, ''), fallBackOnError })
  }
  return entries
}

export type UpstreamAnswer =
  | { status: 'found'; body: Readable; size?: number; from: string }
  /** Every entry said 404/410, or the walk reached `direct`/`off`: Go's own chain decides. */
  | { status: 'not-found' }
  | { status: 'failed'; reason: string }

const TIMEOUT_MS = 10 * 60_000

export class Upstream {
  readonly entries: ProxyEntry[]

  constructor(goproxy: string) {
    this.entries = parseProxyList(goproxy)
  }

  /** Whether any entry is a proxy we can fetch from (not only `direct`/`off`). */
  get usable(): boolean {
    return this.entries.some(e => e.url !== 'direct' && e.url !== 'off')
  }

  /** Fetches `rest` (a checked, escaped request path) from the first entry that has it. */
  async fetch(rest: string): Promise<UpstreamAnswer> {
    let failure: string | undefined
    for (const entry of this.entries) {
      if (entry.url === 'direct' || entry.url === 'off') break
      let answer: UpstreamAnswer
      try {
        answer = await fetchFrom(entry.url, rest)
      } catch (err) {
        answer = { status: 'failed', reason: `${entry.url}: ${(err as Error).message}` }
      }
      if (answer.status === 'found') return answer
      if (answer.status === 'failed') {
        failure = answer.reason
        if (!entry.fallBackOnError) break
      }
    }
    return failure ? { status: 'failed', reason: failure } : { status: 'not-found' }
  }
}

async function fetchFrom(base: string, rest: string): Promise<UpstreamAnswer> {
  if (base.startsWith('file:')) return fetchFile(base, rest)
  const url = new URL(`${base}/${rest}`)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { status: 'failed', reason: `${base}: unsupported proxy scheme ${url.protocol}` }
  }
  const response: IncomingMessage = await request(url, { timeoutMs: TIMEOUT_MS })
  const status = response.statusCode ?? 0
  if (status === 200) {
    const length = Number(response.headers['content-length'])
    return { status: 'found', body: response, size: length >= 0 ? length : undefined, from: base }
  }
  response.resume()
  if (status === 404 || status === 410) return { status: 'not-found' }
  return { status: 'failed', reason: `${base}: HTTP ${status}` }
}

/** A file:// proxy is a directory laid out like one (GOMODCACHE's cache/download is one). */
async function fetchFile(base: string, rest: string): Promise<UpstreamAnswer> {
  const root = fileURLToPath(base)
  const file = path.join(root, ...rest.split('/'))
  if (!file.startsWith(root + path.sep)) return { status: 'not-found' }
  try {
    const { size } = await fs.promises.stat(file)
    return { status: 'found', body: fs.createReadStream(file), size, from: base }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'not-found' }
    return { status: 'failed', reason: `${base}: ${(err as Error).message}` }
  }
}
