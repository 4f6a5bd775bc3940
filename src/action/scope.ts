// The cache scope of a job: which saved index it restores and under which key it saves one.
// Levels go from broad to narrow so that a job with no index of its own (a new matrix leg, a
// new job) starts from its nearest relative's.

import { indexPrefix, keySafe } from '../remote/index-key.js'
import type { GoEnv } from './go-env.js'

export interface CacheScope {
  /** Platform, then job, then matrix leg. */
  levels: string[]
  /** Marks the indexes this job saves with its branch, so a reader knows where one came from. */
  refTag: string
}

export function cacheScope(
  go: Pick<GoEnv, 'version' | 'goos' | 'goarch'>,
  job: string,
  key: string,
  matrix: string[],
  ref: string
): CacheScope {
  const leg = [key, ...matrix].filter(Boolean).join(' ') || 'default'
  return {
    levels: [`${go.goos}-${go.goarch}-${go.version}`, `job ${job || 'unnamed'}`, leg],
    refTag: refTag(ref)
  }
}

/** refs/heads/main → main, refs/pull/12/merge → pr12, refs/tags/v1 → tag_v1. */
export function refTag(ref: string): string {
  const pull = /^refs\/pull\/(\d+)\//.exec(ref)
  if (pull) return `pr${pull[1]}`
  const name = ref.replace(/^refs\/heads\//, '').replace(/^refs\/tags\//, 'tag_')
  return keySafe(name || 'unknown', 40)
}

export type IndexOrigin =
  | { kind: 'none' }
  | {
      kind: 'restored'
      relative: 'this job' | 'a sibling matrix leg' | 'another job'
      branch: string
      sameBranch: boolean
    }

/** Tells from a restored index key which scope level and which branch it was saved by. */
export function indexOrigin(scope: CacheScope, key: string | null | undefined): IndexOrigin {
  if (!key) return { kind: 'none' }
  const { levels } = scope
  const relative = key.startsWith(indexPrefix(levels))
    ? 'this job'
    : key.startsWith(indexPrefix(levels.slice(0, 2)))
      ? 'a sibling matrix leg'
      : 'another job'
  // Keys end `<time>-<random>-<tag>`; older ones may have no tag.
  const parts = key.split('-')
  const branch =
    parts.length > 0 && !/^[0-9a-f]{8}$/.test(parts[parts.length - 1])
      ? parts[parts.length - 1]
      : 'unknown'
  return { kind: 'restored', relative, branch, sameBranch: branch === scope.refTag }
}
