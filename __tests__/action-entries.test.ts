import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import * as path from 'node:path'

// Until the action issue lands, main and post must load, say so, and never fail a job.
describe.each(['main', 'post'])('dist/%s/index.js', entry => {
  it('loads, prints a notice and exits 0', () => {
    const r = spawnSync(process.execPath, [path.resolve(`dist/${entry}/index.js`)], {
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ACTIONS: 'true' }
    })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^::notice::go-cache-action: the (main|post) step/m)
  })
})
