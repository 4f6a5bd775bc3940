// The main step's first job: stable, content-derived times for the workspace's tracked files,
// so that Go's test cache recognises what a fresh checkout wrote (see src/checkout).

import * as core from '@actions/core'
import { applyCarriedTimes, validCarriedTimes } from '../checkout/carried-times.js'
import { setContentTimes, type ContentTimesReport } from '../checkout/content-times.js'
import { callDaemon } from '../daemon/control-client.js'
import { Inputs } from './constants.js'

/** What the job summary tells of it (kept in the state main leaves for post). */
export type FileTimesSummary = Pick<
  ContentTimesReport,
  'repositories' | 'files' | 'dirs' | 'modified' | 'skipped' | 'failed' | 'ms'
> & {
  note?: string
  /** Paths given the time tests left them with in an earlier job (carried-times.ts). */
  carried?: number
}

export interface FileTimes {
  summary: FileTimesSummary
  workspace: string
  /** Each path given a derived time → the id it came from. */
  derivedIds: Map<string, string>
}

export async function stabiliseFileTimes(): Promise<FileTimes> {
  const workspace = process.env.GITHUB_WORKSPACE
  if (!workspace) {
    const note = 'GITHUB_WORKSPACE is not set'
    core.info(`${Inputs.StableFileTimes}: ${note}; file times left as they are.`)
    return { summary: { ...emptyCounts(), note }, workspace: '', derivedIds: new Map() }
  }
  const report = await setContentTimes(workspace)
  for (const note of report.notes) core.info(`${Inputs.StableFileTimes}: ${note}.`)
  // A notice, not a warning: the build is unaffected, only file-reading tests re-run.
  for (const problem of report.problems) {
    core.notice(
      `${Inputs.StableFileTimes}: ${problem}. Tests that read files will re-run instead of ` +
        `being cached; set ${Inputs.StableFileTimes}: false to skip this.`
    )
  }
  if (report.repositories > 0) {
    const modified = report.modified
      ? `; left ${report.modified} file(s) that differ from git's index as they are: ` +
        report.modifiedPaths.join(', ') +
        (report.modified > report.modifiedPaths.length ? ', …' : '')
      : ''
    core.info(
      `${Inputs.StableFileTimes}: set the times of ${report.files} tracked files and ` +
        `${report.dirs} directories from their content in ${Math.round(report.ms)} ms${modified}`
    )
  }
  const { repositories, files, dirs, skipped, failed, ms } = report
  const note = report.problems[0] ?? report.notes[0]
  return {
    summary: { repositories, files, dirs, modified: report.modified, skipped, failed, ms, note },
    workspace,
    derivedIds: report.derivedIds
  }
}

/**
 * Files and directories whose times tests of an earlier job changed get those times again,
 * where their content is the same (see checkout/carried-times.ts); never throws.
 */
export async function carryTimes(socket: string, times: FileTimes): Promise<void> {
  try {
    const records = validCarriedTimes(await callDaemon(socket, 'carried-times', 5_000))
    const report = applyCarriedTimes(records, times.workspace, times.derivedIds)
    times.summary.carried = report.applied
    if (report.applied) {
      core.info(
        `${Inputs.StableFileTimes}: gave ${report.applied} tracked path(s) the times tests left ` +
          'them with in an earlier job'
      )
    }
    if (report.problem) core.info(`${Inputs.StableFileTimes}: times not carried: ${report.problem}`)
  } catch (err) {
    core.info(`${Inputs.StableFileTimes}: times not carried: ${(err as Error).message}`)
  }
}

function emptyCounts(): FileTimesSummary {
  return { repositories: 0, files: 0, dirs: 0, modified: 0, skipped: 0, failed: 0, ms: 0 }
}
