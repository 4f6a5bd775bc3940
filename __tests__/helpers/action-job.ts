// Runs whole simulated CI jobs (main, go steps, post) with this repository's action.

import * as fs from 'node:fs'
import * as path from 'node:path'
import {
  runSimulatedJob,
  type SimulatedJobOptions,
  type SimulatedJobResult
} from '../../src/runner-sim/simulated-job.js'
import { compiledPackages, type GoResult } from './go.js'
import { tempDir } from './tmp.js'

export const BUILD = { go: ['build', '-v', '-o', 'sample.bin', './cmd/sample'] }
export const TEST = { go: ['test', './...'] }

export function actionJob(
  options: Omit<SimulatedJobOptions, 'actionDir'>
): Promise<SimulatedJobResult> {
  return runSimulatedJob({
    actionDir: path.resolve('.'),
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', GOPROXY: 'off' },
    jobDir: tempDir('go-cache-job-'),
    ...options
  })
}

/** Packages a `go build -v` step compiled (0 when everything came from the cache). */
export function compiled(job: SimulatedJobResult, stepIndex = 0): string[] {
  const step = job.steps[stepIndex]
  return compiledPackages({
    code: step.exitCode,
    stdout: step.stdout,
    stderr: step.stderr
  } as GoResult)
}

/** Everything a job's steps could leak into: files and logs the runner keeps. */
export function visibleText(job: SimulatedJobResult): string {
  return [
    JSON.stringify(job.exported),
    JSON.stringify(job.outputs),
    job.summary,
    job.main.stdout,
    job.main.stderr,
    job.post.stdout,
    job.post.stderr,
    ...job.steps.flatMap(step => [step.stdout, step.stderr])
  ].join('\n')
}

/** A module of one package without imports: a go build that takes a second, not a minute. */
export function tinyModule(dir: string): string {
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/tiny\n\ngo 1.24\n')
  fs.writeFileSync(path.join(dir, 'tiny.go'), 'package tiny\n\nfunc Answer() int { return 42 }\n')
  return dir
}

export const BUILD_ALL = { go: ['build', '-v', './...'] }
