// Starts the cache daemon as a detached process that outlives the main step, and waits for it.

import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { callDaemon, DaemonTimeout } from '../daemon/control-client.js'
import type { RemoteStats } from '../remote/remote-stats.js'
import type { FileTimesSummary } from './file-times.js'
import { sleep } from '../util/sleep.js'

/** What main leaves for post (saved as JSON state). */
export interface DaemonState {
  pid: number
  socket: string
  storeDir: string
  logFile: string
  readOnly: boolean
  flushTimeoutSec: number
  summary: boolean
  levels: string[]
  refTag: string
  remote: boolean
  /** Absent when the stable-file-times input is off. */
  fileTimes?: FileTimesSummary
}

export interface DaemonLaunch {
  cli: string
  workDir: string
  args: string[]
  /** The daemon's own environment: the only process that gets the ACTIONS_* variables. */
  env: NodeJS.ProcessEnv
  readyTimeoutMs: number
}

/** Unix socket paths are limited to ~104 bytes: fall back to a short one in the temp dir. */
export function socketPath(workDir: string): string {
  const preferred = path.join(workDir, 'daemon.sock')
  if (process.platform === 'win32' || Buffer.byteLength(preferred) < 100) return preferred
  const digest = createHash('sha256').update(workDir).digest('hex').slice(0, 12)
  return path.join(os.tmpdir(), `go-cache-${digest}.sock`)
}

export async function launchDaemon(
  launch: DaemonLaunch
): Promise<{ pid: number; socket: string; logFile: string }> {
  const socket = socketPath(launch.workDir)
  const logFile = path.join(launch.workDir, 'daemon.log')
  fs.mkdirSync(launch.workDir, { recursive: true })
  // A file, not a pipe: the daemon keeps writing after this step's process has exited.
  const log = fs.openSync(logFile, 'a')
  const child = spawn(process.execPath, [launch.cli, 'serve', '--socket', socket, ...launch.args], {
    detached: true,
    stdio: ['ignore', 'ignore', log],
    // glibc gives each thread that allocates its own heap, kept after use: the threadpool's
    // zstd and file work grew the daemon by ~25 MiB. One shared heap, unless the user chose.
    env: { MALLOC_ARENA_MAX: '1', ...launch.env },
    windowsHide: true
  })
  fs.closeSync(log)
  let exited: string | undefined
  child.on('exit', (code, signal) => (exited = `exited with ${signal ?? code}`))
  child.on('error', err => (exited = `could not start: ${err.message}`))
  child.unref()

  const deadline = Date.now() + launch.readyTimeoutMs
  while (!/^ready /m.test(readText(logFile))) {
    if (exited) throw new Error(`the cache daemon ${exited}: ${tail(readText(logFile))}`)
    if (Date.now() > deadline) {
      child.kill()
      throw new Error(`the cache daemon was not ready within ${launch.readyTimeoutMs} ms`)
    }
    // The job's go commands wait for main: a short poll of a small file costs little.
    await sleep(5)
  }
  return { pid: child.pid as number, socket, logFile }
}

/** Waits (bounded) until the daemon has restored its index or given up on it. */
export async function waitForIndex(
  socket: string,
  timeoutMs: number
): Promise<RemoteStats | undefined> {
  type Report = { remote?: RemoteStats }
  try {
    return ((await callDaemon(socket, 'wait-index', timeoutMs)) as Report).remote
  } catch (err) {
    if (!(err instanceof DaemonTimeout)) throw err
    // Still restoring: main goes on, and the state says 'pending'.
    return ((await callDaemon(socket, 'stats', 10_000)) as Report).remote
  }
}

export function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

export function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}
