// Simulated CI jobs for the remote tier: each starts a daemon on fresh local dirs, runs real
// go commands with a fresh GOCACHE and stops the daemon (which flushes) to read its stats.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import * as path from 'node:path'
import { CLI, startDaemon } from './cli.js'
import { goEnv, progCommand, runGo, type GoResult } from './go.js'
import { tempDir } from './tmp.js'

export interface JobResult {
  results: Record<string, GoResult>
  stats: {
    gets: number
    hits: number
    misses: number
    puts: number
    cpuMs?: number
    remote: Record<string, number | string | boolean | null>
  }
  daemonLog: string
}

/** go commands a job runs, by name: `{ build: ['build', '-v', './...'] }`. */
export type Steps = Record<string, string[]>

export async function runJob(
  moduleDir: string,
  steps: Steps,
  remoteFlags: string[],
  env: NodeJS.ProcessEnv = process.env,
  /** Runs once the daemon is ready, before the first go command. */
  beforeSteps?: (socket: string) => Promise<void>,
  /** Runs after the last go command, before the daemon is stopped (and flushes). */
  afterSteps?: (socket: string) => Promise<void>
): Promise<JobResult> {
  const local = tempDir('go-cache-job-')
  const socket = path.join(local, 'daemon.sock')
  const daemon = await startDaemon(path.join(local, 'store'), socket, remoteFlags, env)
  try {
    const goenv = goEnv(path.join(local, 'gocache'), progCommand('connect', '--socket', socket))
    await beforeSteps?.(socket)
    const results: Record<string, GoResult> = {}
    for (const [name, args] of Object.entries(steps)) {
      const result = await runGo(args, goenv, moduleDir)
      if (result.code !== 0) throw new Error(`go ${args.join(' ')} failed:\n${result.stderr}`)
      results[name] = result
    }
    await afterSteps?.(socket)
    // Not execFileSync: an emulator in this process must keep answering while the daemon flushes.
    const { stdout } = await promisify(execFile)(process.execPath, [
      CLI,
      'stop',
      '--socket',
      socket
    ])
    const stats = JSON.parse(stdout) as JobResult['stats']
    await daemon.exited
    return { results, stats, daemonLog: daemon.stderr }
  } finally {
    daemon.child.kill('SIGKILL')
  }
}
