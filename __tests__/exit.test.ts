import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import * as path from 'node:path'

/** Runs a snippet after importing exitWhenIdle in a fresh node; returns its code and time. */
function run(snippet: string): { status: number | null; ms: number } {
  const module = path.resolve('src/util/exit.ts')
  const started = Date.now()
  const result = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { exitWhenIdle } from ${JSON.stringify(module)}\n${snippet}`
    ],
    { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', NODE_NO_WARNINGS: '1' } }
  )
  return { status: result.status, ms: Date.now() - started }
}

describe('exitWhenIdle', () => {
  it('ends the process as soon as nothing is left to do, with the code', () => {
    const { status, ms } = run('exitWhenIdle(4, 5000)')
    expect(status).toBe(4)
    expect(ms).toBeLessThan(4000)
  })

  it('ends it after the grace period when a handle stays open', () => {
    const { status, ms } = run('setInterval(() => {}, 1000)\nexitWhenIdle(3, 300)')
    expect(status).toBe(3)
    expect(ms).toBeGreaterThanOrEqual(300)
    expect(ms).toBeLessThan(4000)
  })
})
