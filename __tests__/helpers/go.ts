// Runs the real go toolchain against the fixture module with a chosen GOCACHEPROG.
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { CLI } from './cli.js'

export const FIXTURE = path.resolve('__tests__/fixtures/sample')

export interface GoResult {
  code: number | null
  stdout: string
  stderr: string
}

export function goEnv(gocache: string, gocacheprog: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOCACHE: gocache,
    GOCACHEPROG: gocacheprog,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
    GOPROXY: 'off',
    GO_CACHE_LOG_LEVEL: 'warn'
  }
}

/**
 * With timeoutMs, a go command still running then gets SIGQUIT: it prints where each of its
 * goroutines stood (and the plugin's stderr so far is already in ours), so a hang says where.
 */
export function runGo(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = FIXTURE,
  timeoutMs?: number
): Promise<GoResult> {
  return new Promise(resolve => {
    const child = spawn('go', args, { cwd, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            stderr += `\n[test] go ${args.join(' ')} still running after ${timeoutMs} ms: SIGQUIT\n`
            child.kill('SIGQUIT')
          }, timeoutMs)
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** GOCACHEPROG words; Go splits them like a shell with '…' quoting. */
export function progCommand(...args: string[]): string {
  return [process.execPath, CLI, ...args].map(w => `'${w}'`).join(' ')
}

export function copyFixture(to: string): string {
  fs.cpSync(FIXTURE, to, { recursive: true })
  return to
}

/** The lines `go build -v` prints: one per package it had to compile. */
export function compiledPackages(result: GoResult): string[] {
  return result.stderr.split('\n').filter(line => /^[\w./-]+$/.test(line.trim()))
}
