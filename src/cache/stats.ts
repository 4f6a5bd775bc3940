/** Counters reported by `go-cache stats` and, later, the job summary. */
export interface CacheStats {
  gets: number
  hits: number
  misses: number
  puts: number
  /** Bytes of outputs handed to Go on hits. */
  bytesRead: number
  /** Bytes of put bodies received. */
  bytesWritten: number
  /** Protocol connections served (each is one go command). */
  connections: number
  /** Requests answered with Err, protocol errors and store failures. */
  errors: number
  /** Stored entries that failed size or hash verification and were dropped. */
  corruptEntries: number
  /** go test results Go printed as (cached): distinct results served (see test-results.ts). */
  testsCached: number
}

export function newStats(): CacheStats {
  return {
    gets: 0,
    hits: 0,
    misses: 0,
    puts: 0,
    bytesRead: 0,
    bytesWritten: 0,
    connections: 0,
    errors: 0,
    corruptEntries: 0,
    testsCached: 0
  }
}
