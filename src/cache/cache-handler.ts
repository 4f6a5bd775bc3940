// Routes Go's get and put requests to the store tiers and counts what happens.

import type { BodySink, CacheHandler, GetHit } from '../protocol/server.js'
import type { Request } from '../protocol/types.js'
import type { RemoteCache } from '../remote/remote-cache.js'
import type { LocalStore } from '../store/local-store.js'
import { log } from '../util/log.js'
import type { CacheStats } from './stats.js'
import { CachedTestCounter } from './test-results.js'

export function createCacheHandler(
  store: LocalStore,
  stats: CacheStats,
  remote?: RemoteCache
): CacheHandler {
  const tests = new CachedTestCounter(count => (stats.testsCached = count))
  store.onOutputBytes = (outputHex, data) => tests.noteBytes(outputHex, data)
  return {
    async get(actionID: Buffer): Promise<GetHit | undefined> {
      stats.gets++
      let hit
      try {
        hit = await store.get(actionID)
        if (hit) remote?.noteLocalHit(actionID)
        else if (remote && (await remote.fetch(actionID))) hit = await store.get(actionID)
      } catch (err) {
        // A store failure is a miss: Go recomputes and the build goes on.
        stats.errors++
        log('warn', `get ${actionID.toString('hex')}: ${(err as Error).message}`)
      }
      stats.corruptEntries = store.corruptEntries
      if (!hit) {
        stats.misses++
        log('debug', `miss ${actionID.toString('hex')}: in neither the local store nor a bundle`)
        return undefined
      }
      stats.hits++
      stats.bytesRead += hit.size
      tests.noteHit({
        actionHex: actionID.toString('hex'),
        outputHex: hit.outputID.toString('hex'),
        size: hit.size,
        diskPath: hit.diskPath
      })
      return hit
    },

    put(request: Request & { ActionID: Buffer; OutputID: Buffer }): BodySink {
      stats.puts++
      stats.bytesWritten += request.BodySize
      const writer = store.beginPut(request.ActionID, request.OutputID, request.BodySize)
      return {
        write: data => writer.write(data),
        finish: async () => {
          try {
            const diskPath = await writer.finish()
            remote?.recordPut({
              actionID: request.ActionID,
              outputID: request.OutputID,
              size: request.BodySize,
              timeMs: Date.now(),
              path: diskPath
            })
            return diskPath
          } catch (err) {
            stats.errors++
            log('warn', `put ${request.ActionID.toString('hex')}: ${(err as Error).message}`)
            throw err
          }
        },
        abort: () => writer.abort()
      }
    }
  }
}
