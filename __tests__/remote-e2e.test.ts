// Jobs on fresh machines share the cache through bundles in a remote directory, with real go.
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { compiledPackages, copyFixture } from './helpers/go.js'
import { runJob, type Steps } from './helpers/jobs.js'
import { tempDir } from './helpers/tmp.js'

// Not `go build std` (a minute of compiling; actions-cache-e2e does it): small bundles give
// the fixture's few hundred entries several bundles to spread over.
const STEPS: Steps = {
  build: ['build', '-v', '-o', 'sample.bin', './cmd/sample'],
  test: ['test', './...']
}

describe('remote directory backend with real go', () => {
  it('job B on empty local dirs compiles nothing; job C after a change uploads one small bundle', async () => {
    // Action IDs include the package directory: every job builds the same checkout path.
    const moduleDir = copyFixture(path.join(tempDir(), 'src'))
    const remoteDir = tempDir()
    const flags = ['--remote-dir', remoteDir, '--scope', 'linux-test', '--bundle-size', '1MiB']

    const a = await runJob(moduleDir, STEPS, flags)
    expect(compiledPackages(a.results.build).length).toBeGreaterThan(20)
    const binA = fs.readFileSync(path.join(moduleDir, 'sample.bin'))
    expect(a.stats.remote).toMatchObject({ indexUploaded: true, indexKey: null })
    const bundlesA = a.stats.remote.bundlesUploaded as number
    expect(bundlesA).toBeGreaterThan(1)

    const b = await runJob(moduleDir, STEPS, flags)
    expect(compiledPackages(b.results.build)).toEqual([])
    const okLines = b.results.test.stdout.split('\n').filter(l => l.startsWith('ok'))
    expect(okLines).toHaveLength(3)
    for (const line of okLines) expect(line).toMatch(/\(cached\)$/)
    expect(fs.readFileSync(path.join(moduleDir, 'sample.bin')).equals(binA)).toBe(true)
    expect(b.stats.misses).toBe(0)
    // The request budget: one index restore, one download per bundle, nothing uploaded.
    const rb = b.stats.remote
    expect(rb.requests).toBe(1 + (rb.bundlesDownloaded as number))
    expect(rb.bundlesDownloaded).toBeLessThanOrEqual(bundlesA)
    expect(rb).toMatchObject({ bundlesUploaded: 0, indexUploaded: false, corruptBundles: 0 })
    // Every entry came from a bundle (repeated gets of one entry are local hits after that).
    expect(rb.remoteHits).toBeGreaterThan(100)
    expect(rb.remoteHits).toBeLessThanOrEqual(b.stats.hits)
    process.stderr.write(`job B: ${JSON.stringify(b.stats)}\n`)

    const leaf = path.join(moduleDir, 'internal/textstat/textstat.go')
    fs.appendFileSync(leaf, '\n// A change to one leaf package.\nfunc Changed() int { return 1 }\n')
    const c = await runJob(moduleDir, STEPS, flags)
    expect(compiledPackages(c.results.build)).toEqual(
      expect.arrayContaining(['example.com/sample/internal/textstat'])
    )
    expect(compiledPackages(c.results.build)).not.toContain('fmt')
    expect(c.stats.remote).toMatchObject({ bundlesUploaded: 1, indexUploaded: true })
    expect(c.stats.remote.bytesUploaded as number).toBeLessThan(
      (a.stats.remote.bytesUploaded as number) / 10
    )
  })
})
