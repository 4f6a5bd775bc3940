// Modules through the action, as a runner runs it: main exports GOPROXY (our proxy, then the
// job's own chain), go downloads through it, post saves module bundles; a second job on a
// fresh runner with the upstream gone gets every module from the cache service.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { startEmulator, type Emulator } from '../src/emulator/emulator.js'
import { actionJob } from './helpers/action-job.js'
import { runGo } from './helpers/go.js'
import { DEPENDENCIES, writeApp, writeProxyDir } from './helpers/module-proxy-dir.js'
import { tempDir } from './helpers/tmp.js'

let emulator: Emulator
let upstreamDir: string
let app: string
beforeAll(async () => {
  emulator = await startEmulator()
  upstreamDir = writeProxyDir(tempDir('go-cache-upstream-'), DEPENDENCIES)
  app = writeApp(tempDir('go-cache-app-'))
  const tidy = await runGo(['mod', 'tidy'], { ...jobEnv(), GOMODCACHE: tempDir() }, app)
  expect(tidy.code).toBe(0)
})
afterAll(() => emulator.close())

/** The machine: the job's GOPROXY is the file:// upstream; go.sum is checked, no sumdb. */
function jobEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-modcacherw',
    GOSUMDB: 'off',
    GOPROXY: pathToFileURL(upstreamDir).href
  }
}

const BUILD = { go: ['build', '-o', 'app.bin', '.'] }

function job(inputs: Record<string, string> = {}) {
  return actionJob({
    workspace: app,
    job: 'modules',
    inputs,
    steps: [BUILD],
    env: jobEnv(),
    service: emulator.env('refs/heads/main')
  })
}

describe('modules through the action', () => {
  it('job 1 fetches upstream and saves module bundles; job 2 gets them all from the service with upstream gone', async () => {
    const first = await job()
    expect(first.main.exitCode).toBe(0)
    expect(first.steps[0].exitCode).toBe(0)
    const goproxy = first.exported.GOPROXY
    expect(goproxy).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\|file:\/\//)
    const secret = /\/([0-9a-f]{32})\|/.exec(goproxy)![1]
    expect(first.main.stdout).toContain(`::add-mask::${secret}`)
    expect(first.summary).toMatch(
      /\| Go module files requested \| \d+: 0 from this runner, 0 from the cache service, [4-9] fetched upstream/
    )
    expect(first.summary).toMatch(/\| module bundles \| .* in 1 uploaded \|/)
    expect(emulator.entries().some(e => e.key.startsWith('go-cache-modindex-'))).toBe(true)

    // The upstream goes away: whatever is not in the cache service now fails to build.
    fs.renameSync(upstreamDir, `${upstreamDir}-gone`)
    try {
      const second = await job()
      expect(second.steps[0].stderr).not.toMatch(/error|cannot find/)
      expect(second.steps[0].exitCode).toBe(0)
      expect(second.summary).toMatch(
        /\| Go module files requested \| (\d+): 0 from this runner, \1 from the cache service, 0 fetched upstream/
      )
      expect(fs.existsSync(path.join(app, 'app.bin'))).toBe(true)
      // The daemon unpacked go.sum's two versions into the job's GOMODCACHE, or found go
      // already at them: either way none failed and none was left half written.
      const row =
        /\| modules unpacked into GOMODCACHE \| (\d+) versions .*; (\d+) there already(.*) \|/.exec(
          second.summary
        )
      expect(row).not.toBeNull()
      expect(row![3]).not.toMatch(/failed/)
      expect(
        Number(row![1]) + Number(row![2]) + Number(/(\d+) in use/.exec(row![3])?.[1] ?? 0)
      ).toBe(2)
    } finally {
      fs.renameSync(`${upstreamDir}-gone`, upstreamDir)
    }
  })

  it('a toolchain switch downloads through the module proxy, and the next runner gets it from the service', async () => {
    // A stand-in for golang.org/toolchain's module: the files go checks for after download.
    const [goos, goarch] = execFileSync('go', ['env', 'GOOS', 'GOARCH'], { encoding: 'utf8' })
      .trim()
      .split('\n')
    const toolchains = writeProxyDir(tempDir('go-cache-toolchains-'), [
      {
        path: 'golang.org/toolchain',
        version: `v0.0.1-go1.99.0.${goos}-${goarch}`,
        files: {
          'go.mod': 'module golang.org/toolchain\n',
          'bin/go': '#!/bin/sh\nexit 1\n',
          'bin/gofmt': '#!/bin/sh\nexit 1\n',
          'lib/README': 'stand-in\n',
          'pkg/tool/README': 'stand-in\n'
        }
      }
    ])
    const run = () =>
      actionJob({
        workspace: app,
        job: 'toolchain',
        steps: [],
        env: { ...jobEnv(), GOTOOLCHAIN: 'go1.99.0', GOPROXY: pathToFileURL(toolchains).href },
        service: emulator.env('refs/heads/main')
      })
    const first = await run()
    expect(first.main.exitCode).toBe(0)
    // The stand-in cannot run, so go refuses it after the download: only the download counts.
    expect(first.main.stdout).toMatch(/toolchain go1\.99\.0 not fetched now/)
    expect(first.summary).toMatch(/\| scope \| `[a-z0-9]+-[a-z0-9]+-go1\.99\.0`/)
    expect(first.summary).toMatch(
      /\| Go module files requested \| \d+: 0 from this runner, 0 from the cache service, [1-9]\d* fetched upstream/
    )

    fs.renameSync(toolchains, `${toolchains}-gone`)
    const second = await run()
    expect(second.summary).toMatch(
      /\| Go module files requested \| (\d+): 0 from this runner, \1 from the cache service, 0 fetched upstream/
    )
  })

  it('cache-modules: false leaves GOPROXY alone', async () => {
    const off = await job({ 'cache-modules': 'false' })
    expect(off.steps[0].exitCode).toBe(0)
    expect(off.exported.GOPROXY).toBeUndefined()
    expect(off.summary).not.toMatch(/Go module files/)
  })
})
