// Runs one CI job the way a GitHub runner would run a workflow that uses this action:
// the action's main step, then `go` steps with the environment the runner gives `run:` steps,
// then the post step (always), with the runner's files and variables. Tests, `npm run demo`
// and the benchmark use it, so they exercise exactly what users run.

import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { inputDefaults } from './action-metadata.js'
import { freshClone } from './checkout.js'
import { readFileCommands } from './file-commands.js'
import { killTrackedProcesses } from './tracked-processes.js'

export interface GoStep {
  /** Arguments of `go`, e.g. ['test', './...']. */
  go: string[]
  name?: string
}

/** A step of the test itself between the action's steps (e.g. killing the daemon). */
export interface HookStep {
  name: string
  call: (job: { state: Record<string, string>; exported: Record<string, string> }) => unknown
}

export interface SimulatedJobOptions {
  /** Folder holding action.yml and dist/ (this repository). */
  actionDir: string
  /** GITHUB_WORKSPACE: where the go steps run. */
  workspace: string
  /**
   * A git repository to check out first, as actions/checkout does on a hosted runner: the
   * workspace is removed and the repository cloned into it (depth 1), every file new.
   * Without it the workspace is used as it is.
   */
  checkout?: string
  steps: (GoStep | HookStep)[]
  inputs?: Record<string, string>
  /** The job's matrix leg (what `toJSON(matrix)` sees); null outside a matrix. */
  matrix?: Record<string, unknown> | null
  /** GITHUB_REF; a pull request is refs/pull/N/merge. Default refs/heads/main. */
  ref?: string
  /** GITHUB_BASE_REF of a pull request. */
  baseRef?: string
  /** GITHUB_JOB. Default build. */
  job?: string
  /** ACTIONS_* variables the runner gives JavaScript actions (e.g. the emulator's); none: no service. */
  service?: Record<string, string>
  /** What the machine has (PATH, HOME, GOFLAGS…). Default process.env without ACTIONS_*. */
  env?: NodeJS.ProcessEnv
  /** The node that runs the action. Default: the runner's node24 (see runnerNode()). */
  node?: string
  /** A fresh folder per job (RUNNER_TEMP, GOCACHE and GOMODCACHE go under it). Default: a new temp dir. */
  jobDir?: string
}

export interface StepResult {
  name: string
  exitCode: number
  stdout: string
  stderr: string
  ms: number
}

export interface SimulatedJobResult {
  main: StepResult
  steps: StepResult[]
  post: StepResult
  /** Outputs the main and post steps set. */
  outputs: Record<string, string>
  /** What the action exported into the job environment (GITHUB_ENV). */
  exported: Record<string, string>
  /** The job summary the steps wrote. */
  summary: string
  /** Annotations the action's steps printed (::warning:: and ::error:: lines). */
  warnings: string[]
  jobDir: string
  /** Processes of the action still alive after post, killed as the runner would. */
  leftoverProcesses: number
  timings: { mainMs: number; stepsMs: number; postMs: number; totalMs: number }
}

export async function runSimulatedJob(options: SimulatedJobOptions): Promise<SimulatedJobResult> {
  const jobDir = options.jobDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'go-cache-job-'))
  if (options.checkout) freshClone(options.checkout, options.workspace)
  const runnerTemp = path.join(jobDir, 'runner-temp')
  fs.mkdirSync(runnerTemp, { recursive: true })
  const files = {
    env: path.join(runnerTemp, '_runner_file_commands', 'set_env'),
    state: path.join(runnerTemp, '_runner_file_commands', 'save_state'),
    path: path.join(runnerTemp, '_runner_file_commands', 'add_path')
  }
  fs.mkdirSync(path.dirname(files.env), { recursive: true })
  for (const file of Object.values(files)) fs.writeFileSync(file, '')

  const machineEnv = withoutServiceVariables(options.env ?? process.env)
  const ref = options.ref ?? 'refs/heads/main'
  const trackingId = `github_${randomUUID()}`
  const runnerEnv: Record<string, string> = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_EVENT_NAME: ref.startsWith('refs/pull/') ? 'pull_request' : 'push',
    GITHUB_BASE_REF: options.baseRef ?? '',
    GITHUB_JOB: options.job ?? 'build',
    GITHUB_REPOSITORY: 'example/go-project',
    GITHUB_RUN_ID: String(Date.now()),
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS:
      { linux: 'Linux', darwin: 'macOS', win32: 'Windows' }[process.platform as string] ?? 'Linux',
    RUNNER_ARCH: process.arch === 'arm64' ? 'ARM64' : 'X64',
    RUNNER_TRACKING_ID: trackingId,
    GOCACHE: path.join(jobDir, 'go-build'),
    // A fresh runner has no modules either, unless the caller keeps a module cache on purpose.
    GOMODCACHE: options.env?.GOMODCACHE ?? path.join(jobDir, 'go-mod')
  }
  const inputs = {
    ...inputDefaults(path.join(options.actionDir, 'action.yml'), options.matrix),
    ...options.inputs
  }
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [
      `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
      value
    ])
  )
  const node = options.node ?? runnerNode()
  const outputs: Record<string, string> = {}
  let summary = ''
  const warnings: string[] = []

  /** One step: fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, the env the runner builds. */
  const step = async (name: string, command: string[], extraEnv: Record<string, string>) => {
    const stepFiles = {
      GITHUB_OUTPUT: path.join(runnerTemp, '_runner_file_commands', `output_${randomUUID()}`),
      GITHUB_STEP_SUMMARY: path.join(runnerTemp, '_runner_file_commands', `summary_${randomUUID()}`)
    }
    for (const file of Object.values(stepFiles)) fs.writeFileSync(file, '')
    const env = {
      ...machineEnv,
      ...runnerEnv,
      ...readFileCommands(files.env),
      ...extraEnv,
      ...stepFiles,
      GITHUB_ENV: files.env,
      GITHUB_STATE: files.state,
      GITHUB_PATH: files.path
    }
    const result = await run(name, command, env, options.workspace)
    Object.assign(outputs, readFileCommands(stepFiles.GITHUB_OUTPUT))
    summary += fs.readFileSync(stepFiles.GITHUB_STEP_SUMMARY, 'utf8')
    warnings.push(...annotations(result.stdout))
    return result
  }

  const actionEnv = { ...inputEnv, ...options.service }
  const main = await step(
    'main',
    [node, path.join(options.actionDir, 'dist/main/index.js')],
    actionEnv
  )
  const exported = readFileCommands(files.env)
  const steps: StepResult[] = []
  // A failed go step ends the job's steps, as in a workflow; post runs anyway (always()).
  for (const goStep of options.steps) {
    if ('call' in goStep) {
      await goStep.call({ state: readFileCommands(files.state), exported })
      continue
    }
    const result = await step(goStep.name ?? `go ${goStep.go.join(' ')}`, ['go', ...goStep.go], {})
    steps.push(result)
    if (result.exitCode !== 0) break
  }
  const stateEnv = Object.fromEntries(
    Object.entries(readFileCommands(files.state)).map(([name, value]) => [`STATE_${name}`, value])
  )
  const post = await step('post', [node, path.join(options.actionDir, 'dist/post/index.js')], {
    ...actionEnv,
    ...stateEnv
  })
  const leftoverProcesses = killTrackedProcesses(trackingId)
  const stepsMs = steps.reduce((sum, s) => sum + s.ms, 0)
  return {
    main,
    steps,
    post,
    outputs,
    exported,
    summary,
    warnings,
    jobDir,
    leftoverProcesses,
    timings: { mainMs: main.ms, stepsMs, postMs: post.ms, totalMs: main.ms + stepsMs + post.ms }
  }
}

/** The runner gives ACTIONS_* only to JavaScript actions, never to `run:` steps. */
function withoutServiceVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  const clean: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (
      value !== undefined &&
      !name.startsWith('ACTIONS_') &&
      !name.startsWith('INPUT_') &&
      name !== 'GOCACHEPROG'
    ) {
      clean[name] = value
    }
  }
  return clean
}

function annotations(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter(line => /^::(warning|error)( [^:]*)?::/.test(line))
    .map(line => line.trim())
}

function run(
  name: string,
  command: string[],
  env: NodeJS.ProcessEnv,
  cwd: string
): Promise<StepResult> {
  const start = process.hrtime.bigint()
  return new Promise(resolve => {
    const child = spawn(command[0], command.slice(1), {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
    const done = (exitCode: number) =>
      resolve({ name, exitCode, stdout, stderr, ms: Number(process.hrtime.bigint() - start) / 1e6 })
    child.on('error', err => {
      stderr += err.message
      done(127)
    })
    child.on('close', code => done(code ?? 1))
  })
}

/** The runner's node24 (action.yml's `using`); its zlib has the zstd the direct transfers use. */
const RUNNER_NODE_MAJOR = 24

/**
 * The runner runs this action on node24, whatever node started the simulation: this process's
 * node when it is 24 or later, else the one this project pins (the `node` package). A job run
 * on an older node would take other paths (no zstd: every transfer through @actions/cache).
 */
export function runnerNode(): string {
  if (Number(process.versions.node.split('.')[0]) >= RUNNER_NODE_MAJOR) return process.execPath
  // Two levels under the project root: src/runner-sim/ or dist/runner-sim/.
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
  // On Windows the `node` package's bin/node is a placeholder text file beside node.exe.
  const binary = process.platform === 'win32' ? 'node.exe' : 'node'
  const pinned = path.join(root, 'node_modules', 'node', 'bin', binary)
  if (fs.existsSync(pinned)) return pinned
  process.stderr.write(
    `runner-sim: ${process.version} runs the action (no node ${RUNNER_NODE_MAJOR} at ${pinned})\n`
  )
  return process.execPath
}
