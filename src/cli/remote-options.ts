// Turns serve's remote flags into the daemon's remote tier settings.

import { createHash } from 'node:crypto'
import * as path from 'node:path'
import { DEFAULT_BUNDLE_BYTES, type RemoteOptions } from '../remote/remote-cache.js'

export interface RemoteFlags {
  dir: string
  remoteDir?: string
  actionsCache: boolean
  scope?: string
  fallbackScopes: string[]
  bundleBytes?: number
  readOnly: boolean
}

export async function remoteOptions(flags: RemoteFlags): Promise<RemoteOptions | undefined> {
  if (flags.remoteDir && flags.actionsCache) {
    throw new Error('choose one of --remote-dir and --actions-cache')
  }
  let backend
  if (flags.remoteDir) {
    const { DirectoryBackend } = await import('../remote/directory-backend.js')
    backend = new DirectoryBackend(path.resolve(flags.remoteDir))
  } else if (flags.actionsCache) {
    const { ActionsCacheBackend } = await import('../remote/actions-backend.js')
    backend = await ActionsCacheBackend.create(path.join(flags.dir, 'actions-workspace'))
  } else {
    return undefined
  }
  return {
    backend,
    bundleBytes: flags.bundleBytes || DEFAULT_BUNDLE_BYTES,
    indexPrefix: indexPrefix(flags.scope ?? 'default'),
    fallbackPrefixes: flags.fallbackScopes.map(indexPrefix),
    readOnly: flags.readOnly
  }
}

/**
 * Index keys: `go-cache-index-<readable scope>-<scope hash>-<time>-<random>`. The hash keeps
 * one scope's prefix from matching another's (`a` and `a-b`) after the text is made key-safe.
 */
export function indexPrefix(scope: string): string {
  const safe = scope.replace(/[^A-Za-z0-9._]+/g, '_').slice(0, 200)
  const hash = createHash('sha256').update(scope).digest('hex').slice(0, 12)
  return `go-cache-index-${safe}-${hash}-`
}
