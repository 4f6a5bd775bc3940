// Turns serve's remote flags into the daemon's remote tier settings.

import * as path from 'node:path'
import { touchedPaths } from '../checkout/carried-times.js'
import { CLEANUP_TOKEN_ENV } from '../action/constants.js'
import { indexPrefix, keySafe } from '../remote/index-key.js'
import type { CleanupTarget } from '../remote/cleanup.js'
import { DEFAULT_BUNDLE_BYTES, type RemoteOptions } from '../remote/remote-cache.js'

export interface RemoteFlags {
  dir: string
  remoteDir?: string
  actionsCache: boolean
  /** Levels of this job's scope, broadest first (e.g. platform, job, matrix leg). */
  scope: string[]
  fallbackScopes: string[]
  /** Appended to the keys of indexes this job saves (e.g. its branch), so readers can tell. */
  indexTag?: string
  bundleBytes?: number
  readOnly: boolean
  /** The workspace whose tracked paths' times tests changed: carried to the next job. */
  workspace?: string
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
  const workspace = flags.workspace && path.resolve(flags.workspace)
  const levels = flags.scope.length > 0 ? flags.scope : ['default']
  return {
    backend,
    bundleBytes: flags.bundleBytes || DEFAULT_BUNDLE_BYTES,
    indexPrefix: indexPrefix(levels),
    // A job without an index of its own starts from its nearest relative: a sibling matrix
    // leg (same levels but the last), then any job of the broader levels.
    fallbackPrefixes: [
      ...levels.slice(1).map((_, i) => indexPrefix(levels.slice(0, levels.length - 1 - i))),
      ...flags.fallbackScopes.map(scope => indexPrefix([scope]))
    ],
    indexTag: flags.indexTag === undefined ? undefined : keySafe(flags.indexTag, 40),
    readOnly: flags.readOnly,
    ref: process.env.GITHUB_REF ?? '',
    cleanup: cleanupTarget(),
    // Never applied on Windows (checkout/carried-times.ts): nothing to record there.
    carriedTimes:
      workspace && process.platform !== 'win32' ? () => touchedPaths(workspace) : undefined
  }
}

/**
 * The REST API deletes what no index needs when GO_CACHE_CLEANUP_TOKEN holds a token with
 * `actions: write`; without one, the job only counts what could go.
 */
function cleanupTarget(): CleanupTarget | undefined {
  const repository = process.env.GITHUB_REPOSITORY
  if (!repository) return undefined
  const token = process.env[CLEANUP_TOKEN_ENV] || undefined
  delete process.env[CLEANUP_TOKEN_ENV]
  return { apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com', repository, token }
}

const MODULE_INDEX_PREFIX = 'go-cache-modindex-'

/**
 * Module bundles keep an index of their own, under the same scope levels; modules do not
 * depend on the platform, so any job's module index is the last fallback.
 */
export function moduleRemoteOptions(build: RemoteOptions): RemoteOptions {
  const rename = (prefix: string) => prefix.replace(/^go-cache-index-/, MODULE_INDEX_PREFIX)
  return {
    ...build,
    // The build cache's index carries them; test results are there.
    carriedTimes: undefined,
    indexPrefix: rename(build.indexPrefix),
    fallbackPrefixes: [...(build.fallbackPrefixes ?? []).map(rename), MODULE_INDEX_PREFIX]
  }
}
