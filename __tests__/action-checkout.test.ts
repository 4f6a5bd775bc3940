// Tests that read files stay (cached) across fresh checkouts: every job clones the fixture
// repository anew into the same workspace path, as a hosted runner does, so every file has
// a new time unless the action gives it one derived from its content.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator, type Emulator } from '../src/emulator/emulator.js'
import { commitAll, initRepository } from '../src/runner-sim/checkout.js'
import { actionJob } from './helpers/action-job.js'
import { FIXTURE } from './helpers/go.js'
import { tempDir } from './helpers/tmp.js'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

const GOLDEN = 'example.com/sample/internal/golden'
const TEST_GOLDEN = { go: ['test', './internal/golden'] }
const CACHED = new RegExp(`^ok\\s+${GOLDEN}\\s+\\(cached\\)$`, 'm')
const RAN = new RegExp(`^ok\\s+${GOLDEN}\\s+[\\d.]+s$`, 'm')

/** The sample module plus a package whose tests read a file, a listing and a tree. */
function fixtureRepository(): string {
  const origin = path.join(tempDir(), 'origin')
  fs.cpSync(FIXTURE, origin, { recursive: true })
  fs.cpSync(path.resolve('__tests__/fixtures/reads-files'), origin, { recursive: true })
  return initRepository(origin)
}

describe('file-reading tests on fresh checkouts', () => {
  it('are (cached) on a fresh clone; a same-size change or a rename re-runs them; off: re-run', async () => {
    const origin = fixtureRepository()
    const workspace = path.join(tempDir(), 'work', 'src')
    const golden = path.join(origin, 'internal/golden/testdata')
    const job = (inputs: Record<string, string> = {}) =>
      actionJob({
        workspace,
        checkout: origin,
        job: 'checkout',
        inputs,
        steps: [TEST_GOLDEN],
        service: emulator.env('refs/heads/main')
      })

    const run1 = await job()
    expect(run1.main.exitCode).toBe(0)
    expect(run1.summary).toMatch(/\| go test results served \(cached\) \| 0 \|/)
    expect(run1.steps[0].stdout).toMatch(RAN)
    expect(run1.warnings).toEqual([])
    expect(run1.main.stdout).toMatch(
      /stable-file-times: set the times of \d+ tracked files and \d+ directories from their content in \d+ ms/
    )
    expect(run1.summary).toMatch(
      /\| file times from content \| \d+ files and \d+ directories in \d+ ms \|/
    )

    const run2 = await job()
    expect(run2.outputs['cache-hit']).toBe('true')
    expect(run2.steps[0].stdout).toMatch(CACHED)
    expect(run2.summary).toMatch(/\| go test results served \(cached\) \| 1 \|/)

    // Off: the checkout's times stand, so Go cannot reuse the result.
    const off = await job({ 'stable-file-times': 'false' })
    expect(off.steps[0].stdout).toMatch(RAN)
    expect(off.main.stdout).not.toMatch(/stable-file-times/)
    expect(off.summary).not.toMatch(/file times from content/)
    expect(off.summary).toMatch(/\| go test results served \(cached\) \| 0 \|/)

    // The same size, other content: a wrong "(cached)" would print ok.
    fs.writeFileSync(path.join(golden, 'greeting.txt'), 'HELLO, WORLD\n')
    commitAll(origin, 'shout')
    const run3 = await job()
    expect(run3.steps[0].exitCode).toBe(1)
    expect(run3.summary).toMatch(/\| go test results served \(cached\) \| 0 \|/)
    expect(run3.steps[0].stdout).toContain('testdata/greeting.txt holds "HELLO, WORLD\\n"')

    // Back to the greeting, and a file of the walked tree renamed: the walk sees it.
    fs.writeFileSync(path.join(golden, 'greeting.txt'), 'hello, world\n')
    fs.renameSync(path.join(golden, 'tree/sub/b.txt'), path.join(golden, 'tree/sub/c.txt'))
    commitAll(origin, 'rename')
    const run4 = await job()
    expect(run4.steps[0].exitCode).toBe(1)
    expect(run4.steps[0].stdout).toContain('testdata/tree/sub/c.txt, want')

    // Back to the first content in a new commit: its times again, so run 2's result is reused.
    fs.renameSync(path.join(golden, 'tree/sub/c.txt'), path.join(golden, 'tree/sub/b.txt'))
    commitAll(origin, 'rename back')
    const run5 = await job()
    expect(run5.steps[0].stdout).toMatch(CACHED)
    expect(run5.summary).toMatch(/\| go test results served \(cached\) \| 1 \|/)
  })

  it('a test that changes the times in its testdata/ is (cached) on the next fresh clone, not once it changed', async () => {
    const origin = fixtureRepository()
    const workspace = path.join(tempDir(), 'work', 'src')
    const SCRATCH = 'example.com/sample/internal/scratch'
    const job = () =>
      actionJob({
        workspace,
        checkout: origin,
        job: 'scratch',
        steps: [{ go: ['test', './internal/scratch'] }],
        service: emulator.env('refs/heads/main')
      })
    const ran = new RegExp(`^ok\\s+${SCRATCH}\\s+[\\d.]+s$`, 'm')

    const run1 = await job()
    expect(run1.steps[0].stdout).toMatch(ran)
    // The directory keeps the time of the run: Go keyed the result by it.
    const testdata = path.join(workspace, 'internal/scratch/testdata')
    const left = fs.statSync(testdata, { bigint: true }).mtimeNs

    const run2 = await job()
    // testdata/ and testdata/stamp.txt.
    expect(run2.main.stdout).toMatch(
      /stable-file-times: gave 2 tracked path\(s\) the times tests left them with in an earlier job/
    )
    expect(fs.statSync(testdata, { bigint: true }).mtimeNs).toBe(left)
    expect(run2.steps[0].stdout).toMatch(new RegExp(`^ok\\s+${SCRATCH}\\s+\\(cached\\)$`, 'm'))
    expect(run2.summary).toMatch(/2 kept the times tests left them with in an earlier job/)

    // Other content in the directory: no earlier time fits it, so the test runs (and fails).
    fs.writeFileSync(path.join(origin, 'internal/scratch/testdata/input.txt'), 'HELLO, SCRATCH\n')
    commitAll(origin, 'shout')
    const run3 = await job()
    // Only stamp.txt is as it was: it keeps its time, the directory does not.
    expect(run3.main.stdout).toMatch(/gave 1 tracked path\(s\) the times tests left them/)
    expect(run3.steps[0].exitCode).toBe(1)
    expect(run3.steps[0].stdout).toContain('testdata/input.txt holds "HELLO, SCRATCH\\n"')
  })
})
