// Modules on a fresh runner: how long a job's `go mod download` of a real module takes with no
// cache (every module from the upstream proxy), with setup-go's tarball of GOMODCACHE, and
// with this action (its module proxy and module bundles), in one interleaved run. Upstream is
// a local proxy filled once from the Go module proxy and served with the same latency and
// bandwidth as the cache service emulator (bench/upstream-proxy.mjs).
//   node bench/modules.mjs [--module github.com/caddyserver/caddy/v2@v2.11.9] [--reps 3]
//     [--latency-ms 40] [--bandwidth-mib 80]
// bench/run.mjs --only modules runs it and renders its section of BENCHMARKS.md.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { actionNode, fakeAction, privateAction } from './jobs.mjs'
import { fillUpstream, startUpstream } from './upstream-proxy.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const log = line => console.error(line)

export const MODULE_STRATEGIES = {
  floor: 'Go from a local file:// proxy (the floor: no network, no cache)',
  cold: 'no cache (all from upstream)',
  tarball: "setup-go's tarball (GOMODCACHE)",
  action: 'this action (module proxy + bundles)'
}

export async function modulesBench(options = {}) {
  const {
    module: spec = 'github.com/caddyserver/caddy/v2@v2.11.9',
    reps = 3,
    latencyMs = 40,
    bandwidthMiB = 80,
    command = 'node bench/modules.mjs'
  } = options
  const started = Date.now()
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'go-cache-modules-'))
  const { actionDir, runnerSim } = await privateAction(work)
  const { runSimulatedJob, startEmulator } = runnerSim
  const noop = fakeAction(work, 'noop', '', '')
  const tarStep = mode =>
    `process.env.BENCH_TARBALL_STEP = '${mode}'\nprocess.env.BENCH_TARBALL_PATHS = 'GOMODCACHE'\n` +
    `import(${JSON.stringify(pathToFileURL(path.join(here, 'tarball-step.mjs')).href)})\n`
  const tarball = fakeAction(work, 'tarball', tarStep('restore'), tarStep('save'))

  // The module's source at that version, and upstream: every module its build list needs,
  // fetched once from the real GOPROXY and kept between runs.
  const fillDir = path.join(os.tmpdir(), 'go-cache-bench-upstream', spec.replace(/[^\w.-]+/g, '_'))
  const workspace = path.join(work, 'src')
  const source = spawnSync('go', ['mod', 'download', '-json', spec], {
    env: { ...process.env, GOMODCACHE: path.join(fillDir, 'modcache'), GOFLAGS: '-modcacherw' },
    encoding: 'utf8'
  })
  if (source.status !== 0) throw new Error(`go mod download ${spec} failed:\n${source.stderr}`)
  fs.cpSync(JSON.parse(source.stdout).Dir, workspace, { recursive: true })
  spawnSync('chmod', ['-R', 'u+w', workspace])
  log(`filling the upstream proxy for ${spec} (once; kept in ${fillDir})...`)
  const upstreamRoot = fillUpstream(workspace, path.join(fillDir, 'modcache'))
  const profile = { latencyMs, bytesPerSec: bandwidthMiB * 2 ** 20 }
  const upstream = await startUpstream(upstreamRoot, profile)
  const emulator = await startEmulator({
    apiLatencyMs: latencyMs,
    blobBandwidthBytesPerSec: bandwidthMiB * 2 ** 20
  })
  const env = {
    ...process.env,
    GOTOOLCHAIN: 'local',
    // Writable module files: the runner's folders can be removed between jobs.
    GOFLAGS: '-modcacherw',
    GOPROXY: upstream.url,
    // go.sum is still checked; no checksum-database lookups over the internet while timing.
    GOSUMDB: 'off'
  }
  delete env.GOCACHEPROG
  delete env.GOMODCACHE
  const steps = [{ name: 'go mod download', go: ['mod', 'download'] }]
  // setup-go's cache version hashes its paths: its runner folder stays the same.
  const tarballRunner = path.join(work, 'runner-tarball')
  const records = []

  async function job(strategy, rep, record = true) {
    let jobDir
    if (strategy === 'tarball') {
      fs.rmSync(tarballRunner, { recursive: true, force: true })
      fs.mkdirSync(tarballRunner)
      jobDir = tarballRunner
    } else {
      jobDir = fs.mkdtempSync(path.join(work, `job-${strategy}-`))
    }
    upstream.reset()
    const before = emulator.stats()
    const result = await runSimulatedJob({
      node: actionNode,
      actionDir: { floor: noop, cold: noop, tarball, action: actionDir }[strategy],
      workspace,
      steps,
      job: 'modules',
      service: ['floor', 'cold'].includes(strategy)
        ? undefined
        : emulator.env({ ref: 'refs/heads/main', repo: `bench/${strategy}` }),
      // The floor: what Go itself spends on a fresh GOMODCACHE (zips copied, checked,
      // extracted) when every file is already on this disk; no GOPROXY-based cache does better.
      env: strategy === 'floor' ? { ...env, GOPROXY: pathToFileURL(upstreamRoot).href } : env,
      jobDir
    })
    const failed = result.steps.find(s => s.exitCode !== 0)
    if (failed) throw new Error(`${strategy}: ${failed.name} failed:\n${failed.stderr}`)
    const after = emulator.stats()
    const t = result.timings
    const noAction = strategy === 'floor' || strategy === 'cold'
    const rec = {
      strategy,
      rep,
      totalMs: noAction ? t.stepsMs : t.totalMs,
      mainMs: noAction ? 0 : t.mainMs,
      stepsMs: t.stepsMs,
      postMs: noAction ? 0 : t.postMs,
      upstreamRequests: upstream.stats.requests,
      upstreamBytes: upstream.stats.bytes,
      serviceBytesDown: after.bytesDownloaded - before.bytesDownloaded,
      serviceBytesUp: after.bytesUploaded - before.bytesUploaded,
      modcacheMiB: duMiB(path.join(jobDir, 'go-mod')),
      summary: strategy === 'action' ? moduleRow(result.summary) : undefined
    }
    if (record) records.push(rec)
    log(
      `  ${strategy.padEnd(8)} rep ${rep}: ${(rec.totalMs / 1000).toFixed(1)} s (main ${(rec.mainMs / 1000).toFixed(1)}, ` +
        `go ${(rec.stepsMs / 1000).toFixed(1)}, post ${(rec.postMs / 1000).toFixed(1)}); upstream ${rec.upstreamRequests} requests, ` +
        `${mib(rec.upstreamBytes)} MiB; service down ${mib(rec.serviceBytesDown)} MiB, up ${mib(rec.serviceBytesUp)} MiB`
    )
    if (jobDir !== tarballRunner) fs.rmSync(jobDir, { recursive: true, force: true })
    return rec
  }

  try {
    log('seeding: one job each of the tarball and this action saves its cache...')
    const seeds = { tarball: await job('tarball', 0, false), action: await job('action', 0, false) }
    const order = Object.keys(MODULE_STRATEGIES)
    for (let rep = 1; rep <= reps; rep++) {
      for (let i = 0; i < order.length; i++) await job(order[(i + rep) % order.length], rep)
    }
    const byStrategy = {}
    for (const id of order) {
      const rows = records.filter(r => r.strategy === id)
      byStrategy[id] = {
        totalMs: median(rows.map(r => r.totalMs)),
        mainMs: median(rows.map(r => r.mainMs)),
        stepsMs: median(rows.map(r => r.stepsMs)),
        postMs: median(rows.map(r => r.postMs)),
        upstreamRequests: median(rows.map(r => r.upstreamRequests)),
        upstreamMiB: mib(median(rows.map(r => r.upstreamBytes))),
        serviceMiB: mib(median(rows.map(r => r.serviceBytesDown))),
        modcacheMiB: median(rows.map(r => r.modcacheMiB))
      }
    }
    return {
      date: new Date().toISOString(),
      command,
      module: spec,
      reps,
      latencyMs,
      bandwidthMiB,
      minutes: Math.round((Date.now() - started) / 6000) / 10,
      seeds,
      byStrategy,
      records
    }
  } finally {
    await upstream.close()
    await emulator.close()
    fs.rmSync(work, { recursive: true, force: true })
  }
}

export function renderModules(r) {
  const cold = r.byStrategy.cold.totalMs
  const tar = r.byStrategy.tarball.totalMs
  const lines = [
    '## Modules on a fresh runner',
    '',
    `Command: \`${r.command}\`; module \`${r.module}\`; ${r.reps} interleaved repetitions (order rotated), ${r.minutes} min in all. ` +
      `Each job is a fresh runner (empty GOMODCACHE) that runs \`go mod download\` in the module's source. Upstream is a local proxy ` +
      `holding what the Go module proxy served for it, at ${r.latencyMs} ms per request and ${r.bandwidthMiB} MiB/s, the cache service ` +
      'emulator has the same profile. The tarball is what actions/setup-go restores (its GOMODCACHE part only: its real tarball also holds GOCACHE); ' +
      'this action restores its module index and bundles and serves Go through its module proxy. Time is the whole job: main step, `go mod download`, post step. Medians:',
    '',
    '| strategy | job | main | go mod download | post | vs no cache | vs tarball | upstream requests | from upstream | from the cache service |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
  ]
  for (const [id, name] of Object.entries(MODULE_STRATEGIES)) {
    const s = r.byStrategy[id]
    if (!s) continue // results saved before this strategy existed
    const sec = ms => `${(ms / 1000).toFixed(1)} s`
    lines.push(
      `| ${name} | ${sec(s.totalMs)} | ${sec(s.mainMs)} | ${sec(s.stepsMs)} | ${sec(s.postMs)} | ${(s.totalMs / cold).toFixed(2)}× | ` +
        `${(s.totalMs / tar).toFixed(2)}× | ${s.upstreamRequests} | ${s.upstreamMiB} MiB | ${s.serviceMiB} MiB |`
    )
  }
  const a = r.byStrategy.action
  lines.push(
    '',
    `Targets: a fresh runner gets its modules ≥ 2× faster than setup-go's tarball restore (measured: ${(tar / a.totalMs).toFixed(2)}×), ` +
      `and 0 upstream requests when nothing changed (measured: ${a.upstreamRequests}). ` +
      (r.byStrategy.floor
        ? `The floor row is Go alone with every file already on this disk: copying, checking and extracting ` +
          `${a.modcacheMiB} MiB of module trees is Go's own work whatever serves it, so a GOPROXY-based cache ` +
          `can be at most ${(tar / r.byStrategy.floor.totalMs).toFixed(2)}× faster than the tarball here; this action ` +
          `took ${(a.totalMs / r.byStrategy.floor.totalMs).toFixed(2)}× the floor.`
        : ''),
    '',
    `GOMODCACHE after the job: ${a.modcacheMiB} MiB (extracted trees and zips). Seeding (not timed above): the tarball's first job saved ` +
      `${mib(r.seeds.tarball.serviceBytesUp)} MiB in ${(r.seeds.tarball.totalMs / 1000).toFixed(1)} s; this action's saved ` +
      `${mib(r.seeds.action.serviceBytesUp)} MiB of module bundles in ${(r.seeds.action.totalMs / 1000).toFixed(1)} s.`,
    ''
  )
  return lines.join('\n')
}

function moduleRow(summary) {
  return /\| Go module files requested \| ([^|]+) \|/.exec(summary ?? '')?.[1]?.trim()
}

function mib(bytes) {
  return Math.round((bytes / 2 ** 20) * 10) / 10
}

function duMiB(dir) {
  const r = spawnSync('du', ['-sm', dir], { encoding: 'utf8' })
  return Number(r.stdout.split('\t')[0]) || 0
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = name => {
    const i = process.argv.indexOf(name)
    return i >= 0 ? process.argv[i + 1] : undefined
  }
  const results = await modulesBench({
    module: arg('--module'),
    reps: Number(arg('--reps') ?? 3),
    latencyMs: Number(arg('--latency-ms') ?? 40),
    bandwidthMiB: Number(arg('--bandwidth-mib') ?? 80),
    command: `node bench/modules.mjs ${process.argv.slice(2).join(' ')}`.trim()
  })
  const out = path.join(root, 'bench/results/modules-latest.json')
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n')
  console.log(renderModules(results))
}
