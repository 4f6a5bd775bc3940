// The long-history simulation (bench/history.mjs --smoke): real daemons, the real client and
// the emulator over a short synthetic history. Asserts only what must hold whatever the
// daemon's bundling policy: re-runs hit everything, ratios are reported, nothing failed, the
// repository never holds more than its cap.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

interface JobRow {
  kind: string
  failed: string | null
  hitRate: number | null
  usedBytes: number
  downloadRatio: number | null
}

interface HistoryResult {
  overCapSamples: number
  jobs: JobRow[]
  runs: { kind: string }[]
  targets: { name: string; met: boolean }[]
}

describe('long history (smoke)', () => {
  it('runs a short history of real jobs against the emulator', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-test-'))
    const out = path.join(dir, 'history.json')
    try {
      const run = spawnSync(
        process.execPath,
        ['bench/history.mjs', '--smoke', '--quiet', '--json', out],
        { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 2 ** 20 }
      )
      expect(run.stderr).not.toMatch(/Error:/)
      expect(run.status).toBe(0)
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as HistoryResult

      expect(result.jobs.length).toBeGreaterThan(20)
      expect(result.jobs.filter(job => job.failed)).toEqual([])
      const reruns = result.jobs.filter(job => job.kind === 'rerun')
      expect(reruns.length).toBeGreaterThan(0)
      for (const job of reruns) expect(job.hitRate).toBe(1)
      for (const job of result.jobs.filter(j => j.usedBytes > 0)) {
        expect(Number.isFinite(job.downloadRatio)).toBe(true)
      }
      expect(result.overCapSamples).toBe(0)
      expect(result.runs.some(r => r.kind === 'matrix')).toBe(true)
      expect(result.targets.length).toBeGreaterThan(0)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
