// Direct mode: Go starts this process as GOCACHEPROG and it serves the local store itself.

import { createCacheHandler } from '../cache/cache-handler.js'
import { newStats } from '../cache/stats.js'
import { serveConnection } from '../protocol/server.js'
import { LocalStore } from '../store/local-store.js'
import { trimIfDue } from '../store/trim.js'
import { log } from '../util/log.js'

export async function runProg(dir: string, maxBytes: number): Promise<number> {
  const store = await LocalStore.open(dir)
  const stats = newStats()
  stats.connections = 1
  // Trimming walks the store: do it while Go works, at most hourly (a stamp file says when).
  const trimming = trimIfDue(store.dir, { maxBytes, inUse: store.inUse }).catch(err =>
    log('warn', `trimming the store failed: ${(err as Error).message}`)
  )
  const result = await serveConnection(
    process.stdin,
    process.stdout,
    createCacheHandler(store, stats),
    {
      keepOutputOpen: true,
      log: message => log('error', message),
      onError: () => stats.errors++
    }
  )
  await trimming
  if (result.fatal) {
    log('error', `stopping: ${result.fatal}`)
    return 1
  }
  return 0
}
