// Go's side of a job against the remote tier alone: puts land in the local store and are
// recorded for bundling; gets go to the local store first, then to the remote tier, as the
// daemon's cache handler does.
import * as fs from 'node:fs'
import type { RemoteCache } from '../../src/remote/remote-cache.js'
import type { LocalStore } from '../../src/store/local-store.js'
import { actionId, sha256 } from './protocol.js'

export function goSide(store: LocalStore, remote: RemoteCache) {
  const put = async (n: number, body: Buffer) => {
    const writer = store.beginPut(actionId(n), sha256(body), body.length)
    await writer.write(body)
    const diskPath = await writer.finish()
    remote.recordPut({
      actionID: actionId(n),
      outputID: sha256(body),
      size: body.length,
      timeMs: Date.now(),
      path: diskPath
    })
  }
  /** The entry's bytes, or undefined for a miss. */
  const get = async (n: number): Promise<Buffer | undefined> => {
    const local = await store.get(actionId(n))
    if (local) {
      remote.noteLocalHit(actionId(n))
      return fs.readFileSync(local.diskPath)
    }
    if (!(await remote.fetch(actionId(n)))) return undefined
    return fs.readFileSync((await store.get(actionId(n)))!.diskPath)
  }
  return { put, get }
}
