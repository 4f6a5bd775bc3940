// The job summary: one verdict line a person reads first, then the figures behind it.

import type { CacheStats } from '../cache/stats.js'
import type { ModuleStats } from '../modules/module-stats.js'
import type { UnpackReport } from '../modules/module-unpack.js'
import type { RemoteStats } from '../remote/remote-stats.js'
import { formatBytes } from '../util/size.js'
import type { FileTimesSummary } from './file-times.js'
import { indexOrigin, type CacheScope } from './scope.js'

export type FinalStats = CacheStats & {
  /** The daemon's CPU time over its life so far. */
  cpuMs?: number
  remote?: RemoteStats
  modules?: ModuleStats & { remote?: RemoteStats; unpacked?: UnpackReport }
}

export interface SummaryInput {
  stats: FinalStats | undefined
  scope: CacheScope
  readOnly: boolean
  /** Why the figures are missing or incomplete (daemon dead, flush timed out). */
  problem?: string
  /** What stable-file-times did; absent when it is off. */
  fileTimes?: FileTimesSummary
}

export function hitRate(stats: CacheStats): number {
  return stats.gets === 0 ? 0 : stats.hits / stats.gets
}

const percent = (x: number) => `${Math.round(x * 100)}%`
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

export function verdict({ stats, scope, readOnly, problem }: SummaryInput): string {
  if (!stats) return `⚠️ Go build cache: no figures: ${problem ?? 'the daemon did not answer'}.`
  const remote = stats.remote
  const lookups = `${percent(hitRate(stats))} of ${stats.gets} lookups hit`
  if (stats.gets === 0) return 'ℹ️ Go build cache: no go command used the cache in this job.'
  if (problem) return `⚠️ Go build cache: ${lookups}, but ${problem}.`
  if (!remote) return `ℹ️ Go build cache: ${lookups} (runner-local cache only, no cache service).`
  if (remote.indexState === 'unreachable') {
    return `⚠️ Go build cache: ${lookups}; the cache service was unreachable, so nothing was restored or saved.`
  }
  const origin = indexOrigin(scope, remote.indexKey)
  const saved = readOnly
    ? 'read-only: nothing saved'
    : remote.bundlesUploaded > 0
      ? `saved ${remote.bundlesUploaded} new bundle${remote.bundlesUploaded === 1 ? '' : 's'} (${formatBytes(remote.bytesUploaded)})`
      : 'nothing new to save'
  if (origin.kind === 'none') {
    return `🆕 Go build cache: cold start (no index for this scope yet); ${lookups}; ${saved}.`
  }
  const icon = hitRate(stats) >= 0.9 ? '✅' : '🟡'
  return `${icon} Go build cache: ${lookups}; ${saved}.`
}

export function summaryMarkdown(input: SummaryInput): string {
  const { stats, scope, readOnly } = input
  const lines = [`### ${verdict(input)}`, '']
  if (!stats) return lines.join('\n') + '\n'
  const remote = stats.remote
  const rows: [string, string][] = [
    ['lookups (gets)', `${stats.gets}`],
    ['hits from this runner', `${stats.hits - (remote?.remoteHits ?? 0)}`],
    ['hits from the cache service', `${remote?.remoteHits ?? 0}`],
    ['misses (compiled or run)', `${stats.misses}`],
    ['go test results served (cached)', `${stats.testsCached}`],
    ['hit rate', percent(hitRate(stats))],
    ['entries written', `${stats.puts} (${formatBytes(stats.bytesWritten)})`]
  ]
  if (remote) {
    rows.push(
      [
        'downloaded',
        `${formatBytes(remote.bytesDownloaded)} in ${remote.bundlesDownloaded} of ${remote.bundlesInIndex} bundles`
      ],
      [
        'uploaded',
        `${formatBytes(remote.bytesUploaded)} in ${remote.bundlesUploaded} bundles${remote.indexUploaded ? ' + index' : ''}`
      ],
      ['requests to the cache service', requestText(remote)],
      ['time gets waited on the network', seconds(remote.networkWaitMs)],
      ['daemon CPU', cpuText(stats.cpuMs, remote)],
      ['index restored', originText(input)]
    )
    if (remote.coldBundles > 0 || remote.bundlesRepacked > 0) {
      rows.push(['bundles kept tidy', tidyText(remote)])
    }
    if (!readOnly) rows.push(['clean-up', cleanupText(remote.cleanup)])
    if (remote.corruptBundles + remote.corruptEntries > 0) {
      rows.push([
        'rejected as corrupt',
        `${remote.corruptBundles} bundles, ${remote.corruptEntries} entries`
      ])
    }
  }
  if (stats.modules) rows.push(...moduleRows(stats.modules))
  if (input.fileTimes) rows.push(['file times from content', fileTimesText(input.fileTimes)])
  rows.push(['scope', scope.levels.map(level => `\`${level}\``).join(' / ')])
  if (readOnly) rows.push(['mode', 'read-only (restores, never saves)'])
  lines.push('| | |', '| --- | ---: |', ...rows.map(([name, value]) => `| ${name} | ${value} |`))
  return lines.join('\n') + '\n'
}

function cpuText(cpuMs: number | undefined, remote: RemoteStats): string {
  // Bundles that unpack as they stream in have no separate check or unpack phase; those
  // phases are only shown when a bundle went through a file (version 1).
  const fetched = `bundles, each one's time added up: fetched ${seconds(remote.fetchMs)}`
  const phases =
    remote.checkMs + remote.unpackMs > 0
      ? `${fetched}, checked ${seconds(remote.checkMs)}, unpacked ${seconds(remote.unpackMs)}`
      : `${fetched} (unpacked as they streamed in)`
  return cpuMs === undefined ? phases : `${seconds(cpuMs)} in all; ${phases}`
}

function tidyText(remote: NonNullable<FinalStats['remote']>): string {
  const parts = [`${remote.coldBundles} cold (fetched only if asked for)`]
  if (remote.bundlesRepacked > 0) {
    parts.push(
      `${remote.bundlesRepacked} repacked (${formatBytes(remote.bytesRepacked)} of live entries moved)`
    )
  }
  return parts.join(', ')
}

function cleanupText(cleanup: NonNullable<FinalStats['remote']>['cleanup']): string {
  if (!cleanup) return 'none'
  if (!cleanup.enabled) {
    return cleanup.deletableBundles > 0
      ? `${cleanup.deletableBundles} unused bundles (${formatBytes(cleanup.deletableBytes)}) could be deleted: set \`cleanup-token\``
      : 'nothing to delete'
  }
  const text =
    `deleted ${cleanup.deletedBundles} bundles (${formatBytes(cleanup.deletedBytes)}) and ` +
    `${cleanup.deletedIndexes} old indexes; ${cleanup.waitingBundles} retired bundles wait`
  return cleanup.error ? `${text}; stopped: ${cleanup.error}` : text
}

function moduleRows(modules: NonNullable<FinalStats['modules']>): [string, string][] {
  const rows: [string, string][] = [
    [
      'Go module files requested',
      `${modules.files}: ${modules.fromRunner} from this runner, ${modules.fromService} from the cache service, ` +
        `${modules.fromUpstream} fetched upstream (${formatBytes(modules.bytesFetched)})`
    ]
  ]
  if (modules.notFound + modules.failed > 0) {
    rows.push([
      'module files left to GOPROXY',
      `${modules.notFound} not found upstream, ${modules.failed} failed`
    ])
  }
  const remote = modules.remote
  if (remote) {
    rows.push([
      'module bundles',
      `${formatBytes(remote.bytesDownloaded)} in ${remote.bundlesDownloaded} of ${remote.bundlesInIndex} downloaded, ` +
        `${formatBytes(remote.bytesUploaded)} in ${remote.bundlesUploaded} uploaded`
    ])
  }
  const unpacked = modules.unpacked
  if (unpacked) {
    const left = unpacked.busy + unpacked.failed
    rows.push([
      'modules unpacked into GOMODCACHE',
      `${unpacked.unpacked} versions (${unpacked.files} files, ${formatBytes(unpacked.bytes)}) in ` +
        `${(unpacked.ms / 1000).toFixed(1)} s; ${unpacked.present} there already` +
        (left ? `; ${left} left to go (${unpacked.busy} in use, ${unpacked.failed} failed)` : '')
    ])
  }
  return rows
}

function fileTimesText(times: FileTimesSummary): string {
  if (times.repositories === 0) return `not set: ${times.note ?? 'no git work tree'}`
  const kept = [
    times.modified && `${times.modified} modified files kept their times`,
    times.failed && `${times.failed} could not be set`,
    times.carried && `${times.carried} kept the times tests left them with in an earlier job`
  ].filter(Boolean)
  return (
    `${times.files} files and ${times.dirs} directories in ${Math.round(times.ms)} ms` +
    (kept.length ? `; ${kept.join(', ')}` : '')
  )
}

function requestText(remote: RemoteStats): string {
  const notes = []
  if (remote.failedRequests) notes.push(`${remote.failedRequests} failed`)
  if (remote.rateLimited) notes.push(`${remote.rateLimited} rate-limited`)
  return `${remote.requests}${notes.length ? ` (${notes.join(', ')})` : ''}`
}

function originText({ stats, scope }: SummaryInput): string {
  const remote = stats?.remote
  if (!remote) return 'no'
  const origin = indexOrigin(scope, remote.indexKey)
  if (origin.kind === 'none') {
    return remote.indexState === 'none'
      ? 'none yet (first run of this scope)'
      : `no (${remote.indexState})`
  }
  const branch = origin.sameBranch
    ? 'this branch'
    : `branch \`${origin.branch}\` (default or base branch)`
  return `from ${origin.relative}, ${branch}`
}
