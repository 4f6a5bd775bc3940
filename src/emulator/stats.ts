// Counters served by GET /_emulator/stats.

import { TWIRP_METHODS, type TwirpMethod } from './faults.js'

export const BLOB_OPS = ['putBlob', 'putBlock', 'putBlockList', 'get', 'head', 'other'] as const
export type BlobOp = (typeof BLOB_OPS)[number]
/** REST API calls: the cache list, the two deletes, and anything else under /repos/. */
export const REST_OPS = ['list', 'deleteByKey', 'deleteById', 'other'] as const
export type RestOp = (typeof REST_OPS)[number]
export type Operation = TwirpMethod | 'unknownMethod' | BlobOp | `rest:${RestOp}`

export interface Stats {
  /** Twirp calls received, by method (unknownMethod: anything else under /twirp/). */
  api: Record<TwirpMethod | 'unknownMethod', number>
  /** Blob requests received, by Azure operation. */
  blob: Record<BlobOp, number>
  /** REST API requests received (`requests`, all of them), by endpoint. */
  rest: Record<RestOp | 'requests', number>
  /** Responses by HTTP status, API, REST and blob together (control endpoints not counted). */
  status: Record<string, number>
  /** Responses by operation, then HTTP status. */
  statusByOperation: Record<string, Record<string, number>>
  /** Body bytes received by blob puts and sent by blob gets. */
  bytesUploaded: number
  bytesDownloaded: number
  entriesCreated: number
  entriesEvicted: number
  /** Entries deleted through the REST API (by key or by id). */
  entriesDeleted: number
  /** GetCacheEntryDownloadURL answers with ok true / ok false. */
  cacheHits: number
  cacheMisses: number
  /** 429s sent because of the rate limit (not injected ones). */
  rateLimited: number
  /** 401s sent for a missing, malformed, tampered or expired token (twirp and REST). */
  unauthenticated: number
  /** Blob requests refused (403) for a bad or expired signed URL. */
  sasRefused: number
  injected: {
    apiErrors: number
    blobErrors: number
    downloadResets: number
    downloadTruncations: number
    /** GETs cut by a `download-expire` fault (their URL expired with them). */
    downloadExpiries: number
    expiredUrls: number
    /** REST calls failed by a `rest` fault. */
    restErrors: number
  }
}

export function emptyStats(): Stats {
  const zeros = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map(k => [k, 0])) as Record<K, number>
  return {
    api: zeros([...TWIRP_METHODS, 'unknownMethod']),
    blob: zeros(BLOB_OPS),
    rest: zeros(['requests', ...REST_OPS]),
    status: {},
    statusByOperation: {},
    bytesUploaded: 0,
    bytesDownloaded: 0,
    entriesCreated: 0,
    entriesEvicted: 0,
    entriesDeleted: 0,
    cacheHits: 0,
    cacheMisses: 0,
    rateLimited: 0,
    unauthenticated: 0,
    sasRefused: 0,
    injected: {
      apiErrors: 0,
      blobErrors: 0,
      downloadResets: 0,
      downloadTruncations: 0,
      downloadExpiries: 0,
      expiredUrls: 0,
      restErrors: 0
    }
  }
}

export function countStatus(stats: Stats, op: Operation, status: number): void {
  stats.status[status] = (stats.status[status] ?? 0) + 1
  const byOp = (stats.statusByOperation[op] ??= {})
  byOp[status] = (byOp[status] ?? 0) + 1
}
