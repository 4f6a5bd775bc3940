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

/** The go on PATH, or a reason why the cache cannot be used with it. */
export async function findGo(): Promise<GoEnv | { problem: string }> {
  let stdout
  try {
    ;({ stdout } = await promisify(execFile)(
      'go',
      ['env', '-json', 'GOVERSION', 'GOOS', 'GOARCH', 'GOCACHE', 'GOPROXY'],
      // In the workspace, so a toolchain that go.mod selects is the one we ask.
      { timeout: 120_000, cwd: process.env.GITHUB_WORKSPACE || process.cwd() }
    ))
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string }
    if (e.code === 'ENOENT')
      return { problem: 'go is not on PATH (add actions/setup-go before this action)' }
    return { problem: `\`go env\` failed: ${(e.stderr || e.message).trim()}` }
  }
  const env = JSON.parse(stdout) as Record<string, string>
  const goEnv = {
    version: env.GOVERSION ?? '',
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

/** True for go1.24 and newer releases; development builds (devel …) are given the benefit. */
export function supportsCacheProg(version: string): boolean {
  const m = /^go(\d+)\.(\d+)/.exec(version)
  if (!m) return version.startsWith('devel')
  const [major, minor] = [Number(m[1]), Number(m[2])]
  return major > 1 || (major === 1 && minor >= MIN_GO_MINOR)
}
