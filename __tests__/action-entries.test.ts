// main and post outside the happy path: no go, no state. They must warn and exit 0.
import { describe, expect, it } from '@jest/globals'
import * as path from 'node:path'
import { actionJob, BUILD_ALL, compiled, tinyModule } from './helpers/action-job.js'
import { copyFixture } from './helpers/go.js'
import { tempDir } from './helpers/tmp.js'
import { spawnSync } from 'node:child_process'

describe('main and post without what they need', () => {
  it('no go on PATH: main warns and exports nothing, post has nothing to do', async () => {
    const job = await actionJob({
      workspace: copyFixture(path.join(tempDir(), 'src')),
      env: { PATH: path.dirname(process.execPath), HOME: tempDir() },
      steps: []
    })
    expect(job.main.exitCode).toBe(0)
    expect(job.post.exitCode).toBe(0)
    expect(job.exported).toEqual({})
    expect(job.outputs['cache-hit']).toBe('false')
    expect(job.warnings.join('\n')).toMatch(/go is not on PATH .*Go builds run without this cache/)
    expect(job.post.stdout).toMatch(/did not start the cache daemon: nothing to save/)
  })

  it('no cache service: caches on the runner only and says so', async () => {
    const job = await actionJob({
      workspace: tinyModule(path.join(tempDir(), 'src')),
      steps: [BUILD_ALL]
    })
    expect(job.steps[0].exitCode).toBe(0)
    expect(compiled(job)).toEqual(['example.com/tiny'])
    expect(job.warnings.join('\n')).toMatch(/cache service is not available to this job/)
    expect(job.summary).toMatch(/runner-local cache only/)
    expect(job.leftoverProcesses).toBe(0)
  })

  it('post run by hand with garbage state still exits 0 with a warning', () => {
    const r = spawnSync(process.execPath, [path.resolve('dist/post/index.js')], {
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ACTIONS: 'true', 'STATE_go-cache-daemon': '{not json' }
    })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^::warning::go-cache-action post step: /m)
  })
})
