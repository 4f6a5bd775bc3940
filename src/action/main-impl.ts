// The main step: find go, start the cache daemon in the background, point GOCACHEPROG at it.
// Anything that goes wrong here is a warning and a no-op: the job builds without the cache.

import * as core from '@actions/core'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chooseBridge } from './bridge-command.js'
import { CLEANUP_TOKEN_ENV, GOCACHEPROG, Inputs, Outputs, STATE_KEY } from './constants.js'
import { launchDaemon, waitForIndex, type DaemonState } from './daemon-process.js'
import { carryTimes, stabiliseFileTimes } from './file-times.js'
import { fetchToolchain, findGo, findGoBeforeSwitch } from './go-env.js'
import { readInputs } from './inputs.js'
import { exportModuleProxy, MODULE_SECRET_ENV, planModules } from './module-proxy-setup.js'
import { cacheScope, indexOrigin } from './scope.js'

const READY_TIMEOUT_MS = 15_000
/** Main waits this long for the index so that cache-hit is known; downloads go on after. */
const INDEX_WAIT_MS = 10_000

export async function runMain(): Promise<void> {
  try {
    await main()
  } catch (err) {
    core.setOutput(Outputs.CacheHit, 'false')
    core.warning(`go-cache-action: ${(err as Error).message}. Go builds run without this cache.`)
  }
}

async function main(): Promise<void> {
  const inputs = readInputs()
  core.setOutput(Outputs.CacheHit, 'false')
  if (process.env[GOCACHEPROG]) {
    core.warning(
      `GOCACHEPROG is already set (${process.env[GOCACHEPROG]}); leaving it alone. ` +
        'Use this action once per job, and do not set GOCACHEPROG yourself.'
    )
    return
  }
  // A toolchain to switch to is fetched through the module proxy once that runs.
  const { go, toolchain } = inputs.cacheModules
    ? await findGoBeforeSwitch()
    : { go: await findGo() }
  if ('problem' in go) {
    core.warning(`go-cache-action: ${go.problem}. Go builds run without this cache.`)
    return
  }
  // Before any go command can see the checkout's times; it never throws.
  const fileTimes = inputs.stableFileTimes ? await stabiliseFileTimes() : undefined
  const scope = cacheScope(
    go,
    process.env.GITHUB_JOB ?? '',
    inputs.key,
    inputs.matrix,
    process.env.GITHUB_REF ?? ''
  )
  const remote = serviceAvailable()
  if (!remote) {
    core.warning(
      'The Actions cache service is not available to this job (no ACTIONS_RUNTIME_TOKEN and ' +
        'ACTIONS_RESULTS_URL): caching on this runner only.'
    )
  }

  const workDir = path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'go-cache')
  const storeDir = path.join(workDir, 'store')
  const cli = cliPath()
  const args = ['--dir', storeDir, '--max-size', String(inputs.maxLocalBytes)]
  args.push('--log-level', inputs.logLevel)
  if (remote) {
    args.push('--actions-cache', '--index-tag', scope.refTag)
    const workspace = process.env.GITHUB_WORKSPACE
    if (fileTimes?.summary.repositories && workspace) args.push('--workspace', workspace)
    for (const level of scope.levels) args.push('--scope', level)
    if (inputs.bundleBytes) args.push('--bundle-size', String(inputs.bundleBytes))
    if (inputs.readOnly) args.push('--read-only')
  }
  // Go runs the bridge once per go command: natively where dist/ has one for this runner.
  const bridge = chooseBridge(distDir(), process.execPath)
  const helper = bridge.native ? bridge.command[0] : undefined
  const modules = inputs.cacheModules ? planModules(go, workDir, helper) : undefined
  if (modules) args.push(...modules.args)
  core.info(`Go ${go.version} ${go.goos}/${go.goarch}; cache scope: ${scope.levels.join(' / ')}`)
  // process.env carries the ACTIONS_* variables: only the daemon gets them, never the job.
  const daemon = await launchDaemon({
    cli,
    workDir,
    args,
    env: daemonEnv(modules?.secret, inputs.cleanupToken),
    readyTimeoutMs: READY_TIMEOUT_MS
  })
  const state: DaemonState = {
    ...daemon,
    storeDir,
    readOnly: inputs.readOnly,
    flushTimeoutSec: inputs.flushTimeoutSec,
    summary: inputs.summary,
    levels: scope.levels,
    refTag: scope.refTag,
    remote,
    fileTimes: fileTimes?.summary
  }
  core.saveState(STATE_KEY, JSON.stringify(state))
  if (bridge.reason) core.info(`Node bridge for GOCACHEPROG: ${bridge.reason}`)
  core.exportVariable(
    GOCACHEPROG,
    goCacheProg(bridge.command, daemon.socket, storeDir, bridge.extraArgs)
  )
  core.info(`cache daemon ${daemon.pid} serving ${storeDir} (log: ${daemon.logFile})`)
  if (modules) {
    // The build cache runs already: a problem here only leaves modules to the job's chain.
    const goproxy = await exportModuleProxy(daemon.socket, modules).catch((err: Error) => {
      core.warning(`go-cache-action: modules are not cached in this job: ${err.message}`)
      return undefined
    })
    if (goproxy && toolchain) {
      await fetchToolchain(toolchain, goproxy).then(
        () => core.info(`toolchain ${toolchain} fetched through the module cache`),
        (err: Error) => core.info(`toolchain ${toolchain} not fetched now: ${err.message}`)
      )
    }
  }

  if (!remote) return
  const stats = await waitForIndex(daemon.socket, INDEX_WAIT_MS)
  const origin = indexOrigin(scope, stats?.indexKey)
  if (fileTimes?.summary.repositories && stats?.indexState === 'restored') {
    await carryTimes(daemon.socket, fileTimes)
    // Post's summary counts them.
    core.saveState(STATE_KEY, JSON.stringify(state))
  } else if (fileTimes?.summary.repositories && stats?.indexState === 'pending') {
    core.info(
      `${Inputs.StableFileTimes}: the index was not restored within ${INDEX_WAIT_MS / 1000} s, ` +
        'so no times tests left in an earlier job were carried'
    )
  }
  if (origin.kind === 'restored') {
    core.setOutput(Outputs.CacheHit, 'true')
    core.setOutput(Outputs.RestoredKey, stats?.indexKey ?? '')
    core.info(
      `restored the cache index of ${origin.relative} (branch ${origin.branch}): ` +
        `${stats?.bundlesInIndex} bundles, downloading in the background`
    )
  } else {
    core.info(`no cache index restored (${stats?.indexState ?? 'unknown'}): this job starts cold`)
  }
}

/** dist/cli/index.js beside this bundle (dist/main); spelled so ncc does not bundle it. */
function cliPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  return path.join(path.dirname(here), ['cli', 'index.js'].join('/'))
}

/** dist/, which holds this bundle (dist/main) and the bridges. */
function distDir(): string {
  return path.dirname(path.dirname(fileURLToPath(import.meta.url)))
}

/** The daemon's environment: the job's, plus the secrets only it may hold. */
function daemonEnv(moduleSecret: string | undefined, cleanupToken: string): NodeJS.ProcessEnv {
  const env = { ...process.env }
  if (moduleSecret) env[MODULE_SECRET_ENV] = moduleSecret
  if (cleanupToken) {
    core.setSecret(cleanupToken)
    env[CLEANUP_TOKEN_ENV] = cleanupToken
  }
  return env
}

function serviceAvailable(): boolean {
  const env = process.env
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL))
}

/** Go splits GOCACHEPROG into words with shell-like quoting (cmd/internal/quoted). */
export function goCacheProg(
  command: string[],
  socket: string,
  storeDir: string,
  extraArgs: string[] = []
): string {
  const quote = (word: string) => (word.includes('"') ? `'${word}'` : `"${word}"`)
  const words = [...command, 'connect', '--socket', socket, '--dir', storeDir, ...extraArgs]
  return words.map(quote).join(' ')
}
