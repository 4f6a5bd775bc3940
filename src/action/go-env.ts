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
}

/** GOCACHEPROG arrived in Go 1.24. */
export const MIN_GO_MINOR = 24

/**
 * The go on PATH, or a reason why the cache cannot be used with it. `toolchain`: the version
 * go will switch to (pendingToolchain), asked of the local go without switching.
 */
export async function findGo(toolchain?: string): Promise<GoEnv | { problem: string }> {
  let stdout
  try {
    ;({ stdout } = await promisify(execFile)(
      'go',
      ['env', '-json', 'GOVERSION', 'GOOS', 'GOARCH', 'GOCACHE', 'GOPROXY'],
      // In the workspace, so a toolchain that go.mod selects is the one we ask.
      {
        timeout: 120_000,
        cwd: workspace(),
        env: toolchain ? { ...process.env, GOTOOLCHAIN: 'local' } : process.env
      }
    ))
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string }
    if (e.code === 'ENOENT')
      return { problem: 'go is not on PATH (add actions/setup-go before this action)' }
    return { problem: `\`go env\` failed: ${(e.stderr || e.message).trim()}` }
  }
  const env = JSON.parse(stdout) as Record<string, string>
  const goEnv = {
    version: toolchain ?? env.GOVERSION ?? '',
    goos: env.GOOS ?? '',
    goarch: env.GOARCH ?? '',
    gocache: env.GOCACHE ?? '',
    goproxy: env.GOPROXY ?? ''
  }
  if (!supportsCacheProg(goEnv.version)) {
    return {
      problem: `${goEnv.version || 'this go'} has no GOCACHEPROG; Go 1.24 or newer is needed`
    }
  }
  if (goEnv.gocache === 'off') return { problem: 'GOCACHE=off disables the build cache' }
  return goEnv
}

/**
 * The toolchain go would switch to here (go.mod's go/toolchain lines, GOTOOLCHAIN) and does
 * not have yet, learnt without downloading it: with GOPROXY=off go says "go: downloading
 * go1.X.Y (os/arch)" and stops. Undefined when go runs what it has, or when it cannot tell.
 */
export async function pendingToolchain(): Promise<string | undefined> {
  try {
    await promisify(execFile)('go', ['env', 'GOVERSION'], {
      timeout: 60_000,
      cwd: workspace(),
      env: { ...process.env, GOPROXY: 'off' }
    })
    return undefined
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? ''
    return /^go: downloading (go\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?) \(/m.exec(stderr)?.[1]
  }
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
