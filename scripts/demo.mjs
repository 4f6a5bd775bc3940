// npm run demo: two simulated CI runs of a real Go build using this action, against the
// bundled emulator of the Actions cache service. Each run is a fresh runner (a fresh clone of
// the module, empty GOCACHE, empty local store, new daemon); the second one restores what the
// first saved.
// Usage: node scripts/demo.mjs [--latency-ms 30] [--bandwidth-mib 100]
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { parseArgs } from 'node:util'
import { initRepository, runSimulatedJob, startEmulator } from '../dist/runner-sim/index.js'

const { values } = parseArgs({
  options: {
    'latency-ms': { type: 'string', default: '30' },
    'bandwidth-mib': { type: 'string', default: '100' }
  }
})
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'go-cache-demo-'))
const workspace = path.join(work, 'src')
// The repository each run clones afresh, as actions/checkout does: the sample module plus a
// package whose tests read files (cached across checkouts only thanks to stable-file-times).
const origin = path.join(work, 'origin')
fs.cpSync(path.join(root, '__tests__/fixtures/sample'), origin, { recursive: true })
fs.cpSync(path.join(root, '__tests__/fixtures/reads-files'), origin, { recursive: true })
initRepository(origin)

const emulator = await startEmulator({
  apiLatencyMs: Number(values['latency-ms']),
  blobBandwidthBytesPerSec: Number(values['bandwidth-mib']) * 2 ** 20
})
console.log(
  `Cache service emulator at ${emulator.url} (${values['latency-ms']} ms per API call, ` +
    `${values['bandwidth-mib']} MiB/s blobs). Module: __tests__/fixtures/sample and reads-files.`
)
const steps = [
  { go: ['build', '-v', './...'] },
  { go: ['vet', './...'] },
  { go: ['test', './...'] }
]
let failed = false
try {
  for (const run of [1, 2]) {
    console.log(
      `\n== CI run ${run}: fresh runner, ${run === 1 ? 'nothing saved yet' : 'restores run 1'}`
    )
    const job = await runSimulatedJob({
      actionDir: root,
      workspace,
      checkout: origin,
      steps,
      service: emulator.env('refs/heads/main'),
      env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', GOPROXY: 'off' },
      jobDir: path.join(work, `run${run}`)
    })
    for (const step of [job.main, ...job.steps, job.post]) {
      const compiled = step.stderr.split('\n').filter(line => /^[\w./-]+$/.test(line.trim()))
      const extra = step.name.startsWith('go build') ? `, compiled ${compiled.length} packages` : ''
      console.log(`  ${step.name}: exit ${step.exitCode}, ${(step.ms / 1000).toFixed(1)} s${extra}`)
      if (step.name.startsWith('go test')) console.log(step.stdout.trimEnd().replace(/^/gm, '    '))
      if (step.exitCode !== 0) failed = true
    }
    for (const warning of job.warnings) console.log(`  ${warning}`)
    console.log(
      `  whole job: ${(job.timings.totalMs / 1000).toFixed(1)} s; outputs: ${JSON.stringify(job.outputs)}`
    )
    console.log(`\n-- job summary (GITHUB_STEP_SUMMARY) --\n${job.summary}`)
  }
} finally {
  await emulator.close()
  fs.rmSync(work, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
