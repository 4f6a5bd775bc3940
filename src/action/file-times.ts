// The main step's first job: stable, content-derived times for the workspace's tracked files,
// so that Go's test cache recognises what a fresh checkout wrote (see src/checkout).

import * as core from '@actions/core'
import { setContentTimes, type ContentTimesReport } from '../checkout/content-times.js'
import { Inputs } from './constants.js'

/** What the job summary tells of it (kept in the state main leaves for post). */
export type FileTimesSummary = Pick<
  ContentTimesReport,
  'repositories' | 'files' | 'dirs' | 'modified' | 'skipped' | 'failed' | 'ms'
> & { note?: string }

export async function stabiliseFileTimes(): Promise<FileTimesSummary> {
  const workspace = process.env.GITHUB_WORKSPACE
  if (!workspace) {
    const note = 'GITHUB_WORKSPACE is not set'
    core.info(`${Inputs.StableFileTimes}: ${note}; file times left as they are.`)
    return { ...emptyCounts(), note }
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
  return { repositories, files, dirs, modified: report.modified, skipped, failed, ms, note }
}

function emptyCounts(): FileTimesSummary {
  return { repositories: 0, files: 0, dirs: 0, modified: 0, skipped: 0, failed: 0, ms: 0 }
}
