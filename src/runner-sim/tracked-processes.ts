// After a job the runner kills every process still carrying the job's RUNNER_TRACKING_ID.
// Doing the same tells whether the action leaves anything behind.

import * as fs from 'node:fs'

/** Kills the processes whose environment holds RUNNER_TRACKING_ID=id; returns how many. */
export function killTrackedProcesses(id: string): number {
  if (process.platform !== 'linux') return 0
  let killed = 0
  for (const pid of fs.readdirSync('/proc').filter(name => /^\d+$/.test(name))) {
    let environ
    try {
      environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8')
    } catch {
      continue
    }
    if (!environ.split('\0').includes(`RUNNER_TRACKING_ID=${id}`)) continue
    try {
      process.kill(Number(pid), 'SIGKILL')
      killed++
    } catch {
      // Already gone.
    }
  }
  return killed
}
