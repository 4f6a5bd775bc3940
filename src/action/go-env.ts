// Finds the go that later steps will run and reads what the cache scope depends on.

import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

export interface GoEnv {
  version: string
  goos: string
  goarch: string
  gocache: string
  /** The job's effective GOPROXY (environment, `go env -w`, or Go's default). */
  goproxy: string
  gomodcache: string
  /** The workspace's go.mod and go.work, if any (`go env GOMOD GOWORK`). */
  gomod: string
  gowork: string
}

/** GOCACHEPROG arrived in Go 1.24. */
export const MIN_GO_MINOR = 24

/** The go on PATH, or a reason why the cache cannot be used with it. */
export async function findGo(): Promise<GoEnv | { problem: string }> {
  const go = await readGoEnv(process.env)
  return 'problem' in go ? go : checkGo(go)
}

/**
 * findGo for a job whose modules the proxy serves: a toolchain switch (go.mod's go or
 * toolchain line, GOTOOLCHAIN) must not download in our own `go env`, before the proxy runs.
 * Two `go env` side by side, so start-up waits for one: the local go's settings
 * (GOTOOLCHAIN=local), and the version go runs here, or would switch to and does not have
 * yet, learnt without downloading it (with GOPROXY=off go says "go: downloading goX (os/arch)"
 * and stops). `toolchain` is set when that switch is still to be downloaded.
 */
export async function findGoBeforeSwitch(): Promise<{
  go: GoEnv | { problem: string }
  toolchain?: string
}> {
  const [switched, local] = await Promise.all([
    goVersionWithoutDownload(),
    readGoEnv({ ...process.env, GOTOOLCHAIN: 'local' })
  ])
  // Cannot tell (no go, a broken go.mod): as without modules, whatever go says then.
  if (!switched) return { go: await findGo() }
  if ('problem' in local) return { go: local }
  const go = checkGo({ ...local, version: switched.version })
  return { go, toolchain: switched.pending ? switched.version : undefined }
}

async function goVersionWithoutDownload(): Promise<
  { version: string; pending: boolean } | undefined
> {
  try {
    const { stdout } = await promisify(execFile)('go', ['env', 'GOVERSION'], {
      timeout: 60_000,
      cwd: workspace(),
      env: { ...process.env, GOPROXY: 'off' }
    })
    return { version: stdout.trim(), pending: false }
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? ''
    const version = /^go: downloading (go\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?) \(/m.exec(
      stderr
    )?.[1]
    return version ? { version, pending: true } : undefined
  }
}

async function readGoEnv(env: NodeJS.ProcessEnv): Promise<GoEnv | { problem: string }> {
  let stdout
  try {
    ;({ stdout } = await promisify(execFile)(
      'go',
      [
        'env',
        '-json',
        'GOVERSION',
        'GOOS',
        'GOARCH',
        'GOCACHE',
        'GOPROXY',
        'GOMODCACHE',
        'GOMOD',
        'GOWORK'
      ],
      // In the workspace, so a toolchain that go.mod selects is the one we ask.
      { timeout: 120_000, cwd: workspace(), env }
    ))
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string }
    if (e.code === 'ENOENT')
      return { problem: 'go is not on PATH (add actions/setup-go before this action)' }
    return { problem: `\`go env\` failed: ${(e.stderr || e.message).trim()}` }
  }
  const values = JSON.parse(stdout) as Record<string, string>
  return {
    version: values.GOVERSION ?? '',
    goos: values.GOOS ?? '',
    goarch: values.GOARCH ?? '',
    gocache: values.GOCACHE ?? '',
    goproxy: values.GOPROXY ?? '',
    gomodcache: values.GOMODCACHE ?? '',
    gomod: values.GOMOD ?? '',
    gowork: values.GOWORK ?? ''
  }
}

function checkGo(go: GoEnv): GoEnv | { problem: string } {
  if (!supportsCacheProg(go.version)) {
    return { problem: `${go.version || 'this go'} has no GOCACHEPROG; Go 1.24 or newer is needed` }
  }
  if (go.gocache === 'off') return { problem: 'GOCACHE=off disables the build cache' }
  return go
}

/** Makes go download `toolchain` now, through `goproxy` (the module proxy's chain). */
export async function fetchToolchain(toolchain: string, goproxy: string): Promise<string> {
  const { stdout } = await promisify(execFile)('go', ['env', 'GOVERSION'], {
    timeout: 600_000,
    cwd: workspace(),
    env: { ...process.env, GOPROXY: goproxy }
  })
  const version = stdout.trim()
  if (version !== toolchain) throw new Error(`go runs ${version}, not ${toolchain}`)
  return version
}

function workspace(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd()
}

/** True for go1.24 and newer releases; development builds (devel …) are given the benefit. */
export function supportsCacheProg(version: string): boolean {
  const m = /^go(\d+)\.(\d+)/.exec(version)
  if (!m) return version.startsWith('devel')
  const [major, minor] = [Number(m[1]), Number(m[2])]
  return major > 1 || (major === 1 && minor >= MIN_GO_MINOR)
}
