// The post step (runs always()): flush within flush-timeout, stop the daemon, write the job
// summary. It never fails the job: every problem is a warning.

import * as core from '@actions/core'
import * as fs from 'node:fs'
import { callDaemon, DaemonTimeout } from '../daemon/control-client.js'
import { sleep } from '../util/sleep.js'
import { Outputs, STATE_KEY } from './constants.js'
import { readText, tail, type DaemonState } from './daemon-process.js'
import { hitRate, summaryMarkdown, type FinalStats } from './summary.js'

const STOP_TIMEOUT_MS = 30_000

export async function runPost(): Promise<void> {
  try {
    await post()
  } catch (err) {
    core.warning(`go-cache-action post step: ${(err as Error).message}`)
  }
}

async function post(): Promise<void> {
  const text = core.getState(STATE_KEY)
  if (!text) {
    core.info('The main step did not start the cache daemon: nothing to save.')
    return
  }
  const state = JSON.parse(text) as DaemonState
  const { stats, problem } = await flushAndStop(state)
  reportDaemonLog(state)
  if (problem) core.warning(`go-cache-action: ${problem}`)
  if (stats) core.setOutput(Outputs.HitRate, hitRate(stats).toFixed(3))
  if (state.summary) {
    const scope = { levels: state.levels, refTag: state.refTag }
    await core.summary
      .addRaw(
        summaryMarkdown({
          stats,
          scope,
          readOnly: state.readOnly,
          problem,
          fileTimes: state.fileTimes
        })
      )
      .write()
  }
}

async function flushAndStop(state: DaemonState): Promise<{ stats?: FinalStats; problem?: string }> {
  let stats: FinalStats | undefined
  let problem: string | undefined
  try {
    stats = (await callDaemon(state.socket, 'flush', state.flushTimeoutSec * 1000)) as FinalStats
    stats = (await callDaemon(state.socket, 'stop', STOP_TIMEOUT_MS)) as FinalStats
  } catch (err) {
    const message = (err as Error).message
    if (!isAlive(state.pid) || (!stats && message.startsWith('cannot reach the daemon'))) {
      problem = `the cache daemon had stopped before the end of the job, so this job's new entries were not saved (${message})`
    } else {
      problem = stats
        ? `stopping the cache daemon failed: ${message}`
        : err instanceof DaemonTimeout
          ? `flushing did not finish within flush-timeout (${state.flushTimeoutSec} s); pending uploads were abandoned`
          : `flushing failed (${message}); pending uploads were abandoned`
      stats ??= await callDaemon(state.socket, 'stats', 5_000).then(
        data => data as FinalStats,
        () => undefined
      )
    }
  }
  await ensureStopped(state.pid)
  return { stats, problem }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
  // A killed daemon stays a zombie where nothing reaps orphans (some containers' PID 1).
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return true
  }
}

/** The runner would kill it after the job anyway; do it now so nothing uploads half-way. */
async function ensureStopped(pid: number): Promise<void> {
  // It has answered `stop` and exits within milliseconds: a coarse poll is time the job waits.
  for (let waited = 0; waited < 5_000 && isAlive(pid); waited += 10) await sleep(10)
  if (!isAlive(pid)) return
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // Gone in the meantime.
  }
}

/** The daemon's warnings become annotations; the whole log is one folded group. */
function reportDaemonLog(state: DaemonState): void {
  const log = readText(state.logFile)
  for (const line of log.split('\n')) {
    const m = /^go-cache: (?:warn|error): (.*)$/.exec(line)
    if (m) core.warning(`go-cache daemon: ${m[1]}`)
  }
  if (log) {
    core.startGroup('go-cache daemon log')
    core.info(tail(log, 200))
    core.endGroup()
  }
}
