// Real releases: whole simulated CI jobs of a real module (caddy, golang.org/x/tools) whose git
// history is its successive releases, against what users run today. Each commit of the benchmark's repository
// is one release's module zip; every job is a fresh clone into the same workspace path, an
// empty GOMODCACHE and GOCACHE, and then `go mod download`, `go build ./...`, `go vet ./...`
// and `go test -short` over a stable subset of packages. Modules come from a local upstream
// proxy filled once from the Go module proxy and served with the cache service emulator's
// latency and bandwidth (bench/upstream-proxy.mjs).
//   node bench/releases.mjs [--project caddy|xtools] [--versions v2.11.8,v2.11.9] [--latency-ms 40]
//     [--bandwidth-mib 80]
//     [--no-vet] [--no-cold] [--smoke] [--skip STRATEGY,…] [--scenarios next,rerun,old,pr,matrix]
//     [--old-version v2.11.4] [--legs 4] [--rerun-reps 3] [--next-reps 3] [--baseline-rev REV] [--runner-dir DIR] [--log-level debug] [--out FILE.json]
// bench/run.mjs --only releases runs it and renders its section of BENCHMARKS.md. A failing
// step is recorded, not fatal: each step's outcome (pass/fail per test package) is compared
// across strategies, since a cache that changes a test result is a bug.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { setTimeout as timer } from 'node:timers'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { barChart } from './chart.mjs'
import {
  actionNode,
  extractCommitted,
  fakeAction,
  nodeVersion,
  privateAction,
  testCounts
} from './jobs.mjs'
import { startUpstream } from './upstream-proxy.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const log = line => console.error(line)

export const RELEASE_STRATEGIES = {
  cold: 'no cache',
  warm: 'warm local (GOCACHE + GOMODCACHE kept on the runner, free)',
  setupgo: "setup-go's cache (GOMODCACHE + GOCACHE tarball, key on go.mod, no restore keys)",
  restorekeys: 'actions/cache with restore keys (GOCACHE + GOMODCACHE, saved every run)',
  action: 'this action',
  baseline: 'this action as committed at --baseline-rev (the same jobs, for a before/after pair)'
}
export const RELEASE_SCENARIOS = {
  next: 'next release (go.sum bump): the cache was saved by the previous release',
  rerun: 'same commit re-run: the cache was saved by this commit',
  old: 'cache five releases old: the cache was saved by the release five before this one',
  pr: "pull request from main: one commit on top of the release, on refs/pull/1/merge, reading main's cache",
  matrix:
    '4-leg matrix, same commit re-run: each leg restores what its own leg saved at this commit'
}

/**
 * The test packages `go test -short` runs: 11 of caddy's ~40 test packages, chosen so a cold
 * job stays within minutes on 2 cores (linking ~40 test binaries took 5 minutes here, and
 * internal/headercheck alone runs 28 s): the core, the Caddyfile parsers, and HTTP modules
 * whose tests read testdata (fileserver, templates) and so test stable file times; plus
 * modules/caddyhttp, whose TestServer_ClosedRequestBodyDoesNotDesyncHTTP1 fails on this
 * machine, to check that a failure is recorded and the same in every strategy.
 */
export const CADDY_TEST_PACKAGES = [
  '.',
  './caddyconfig/caddyfile',
  './caddyconfig/httpcaddyfile',
  './internal',
  './modules/caddyhttp',
  './modules/caddyhttp/headers',
  './modules/caddyhttp/rewrite',
  './modules/caddyhttp/fileserver',
  './modules/caddyhttp/templates',
  './modules/caddytls',
  './modules/logging'
]

/**
 * x/tools' test packages `go test -short` runs: 10 of its 156, chosen so a cold job stays near
 * two minutes: analysis passes whose tests load testdata through go/packages (a nested
 * `go list` that goes through GOCACHEPROG too) and go/ssa, which reads testdata, so stable
 * file times are tested; and fast packages without files. Left out: go/packages (51 s here),
 * internal/imports and cmd/stringer (17–19 s each), which run many go commands of their own.
 */
export const XTOOLS_TEST_PACKAGES = [
  './go/ast/astutil',
  './go/ast/inspector',
  './go/analysis/passes/printf',
  './go/analysis/passes/nilness',
  './go/types/typeutil',
  './go/ssa',
  './internal/diff',
  './internal/diff/lcs',
  './internal/diff/difftest',
  './refactor/rename'
]

/**
 * The real modules the benchmark knows: the two releases compared, the one five before the
 * last, the test packages, the file a pull request changes (a comment in a tested package) and
 * the one package a smoke run of the harness builds and tests.
 */
export const RELEASE_PROJECTS = {
  caddy: {
    title: 'caddy',
    module: 'github.com/caddyserver/caddy/v2',
    versions: ['v2.11.8', 'v2.11.9'],
    oldVersion: 'v2.11.4',
    testPackages: CADDY_TEST_PACKAGES,
    prFile: 'modules/caddyhttp/templates/templates.go',
    smokePackage: './caddyconfig/caddyfile'
  },
  xtools: {
    title: 'golang.org/x/tools',
    module: 'golang.org/x/tools',
    versions: ['v0.51.0', 'v0.52.0'],
    oldVersion: 'v0.47.0',
    testPackages: XTOOLS_TEST_PACKAGES,
    prFile: 'refactor/rename/rename.go',
    smokePackage: './go/ast/astutil'
  }
}

/** Where a project's results and chart go: caddy keeps the names it had before x/tools. */
export function releaseFiles(project = 'caddy') {
  return project === 'caddy'
    ? { json: 'releases-latest.json', chart: 'releases-chart.png' }
    : { json: `releases-${project}.json`, chart: `releases-${project}-chart.png` }
}

export async function releasesBench(options = {}) {
  const project = options.project ?? 'caddy'
  const preset = RELEASE_PROJECTS[project]
  if (!preset) throw new Error(`unknown project ${project}: ${Object.keys(RELEASE_PROJECTS)}`)
  const {
    module: mod = preset.module,
    versions = preset.versions,
    // The release whose cache the "five releases old" scenario restores; null: no such scenario.
    oldVersion = preset.oldVersion,
    // Scenarios to run (seeds as they need); default all of RELEASE_SCENARIOS.
    scenarios = Object.keys(RELEASE_SCENARIOS),
    legs = 4,
    // Same-commit re-runs are short: each strategy's runs that many times, in rotated order,
    // and the report gives the median run.
    rerunReps = 1,
    // Next-release jobs vary more (minutes of compiling beside the restore): each strategy's
    // that many times, every one from the previous release's caches (see below).
    nextReps = 1,
    // A commit whose dist/ runs as a second strategy beside this one ('baseline', its own
    // seed and emulator repository), in the same interleaved jobs: a change measured in one run.
    baselineRev,
    latencyMs = 40,
    bandwidthMiB = 80,
    vet = true,
    cold = true,
    // Strategies not to run (their jobs and seeds), e.g. to re-run only some of them.
    skip = [],
    testPackages = preset.testPackages,
    // Smoke run of the harness itself: builds and tests only the project's smokePackage.
    smoke = false,
    // Where the runner folder lives (default: inside the work dir). On a journal-less ext4
    // (this VM) creating files right after deleting many is slow (the kernel skips recently
    // freed inodes), and every job deletes the last one's folder: tmpfs (/dev/shm) avoids that.
    runnerDir,
    // The action's log-level input; at debug, each bundle's timing line goes into the record.
    logLevel,
    command = 'node bench/releases.mjs',
    out
  } = options
  const started = Date.now()
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'go-cache-releases-'))
  const { actionDir, runnerSim } = await privateAction(work)
  const { runSimulatedJob, startEmulator, initRepository, commitAll } = runnerSim
  const stepJs = (file, variable, mode, extra = '') =>
    `process.env.${variable} = '${mode}'\n${extra}` +
    `import(${JSON.stringify(pathToFileURL(path.join(here, file)).href)})\n`
  // setup-go v6+: `go env GOMODCACHE GOCACHE`, key on the hash of go.mod (its default
  // cache-dependency-path), no restore keys, saved by the post step only on a key miss.
  const setupGoPaths =
    "process.env.BENCH_TARBALL_PATHS = 'GOMODCACHE,GOCACHE'\n" +
    "process.env.BENCH_TARBALL_DEPENDENCY = 'go.mod'\n"
  const actions = {
    cold: fakeAction(work, 'noop', '', ''),
    setupgo: fakeAction(
      work,
      'setupgo',
      stepJs('tarball-step.mjs', 'BENCH_TARBALL_STEP', 'restore', setupGoPaths),
      stepJs('tarball-step.mjs', 'BENCH_TARBALL_STEP', 'save', setupGoPaths)
    ),
    restorekeys: fakeAction(
      work,
      'restorekeys',
      stepJs('cache-step.mjs', 'BENCH_CACHE_STEP', 'restore'),
      stepJs('cache-step.mjs', 'BENCH_CACHE_STEP', 'save')
    ),
    action: actionDir,
    ...(baselineRev ? { baseline: committedAction(work, baselineRev) } : {})
  }
  actions.warm = actions.cold
  const isAction = strategy => strategy === 'action' || strategy === 'baseline'
  const baseline = baselineRev ? ['baseline'] : []

  // Upstream: every module any of the releases needs (build list and test dependencies),
  // fetched once from the real GOPROXY and kept between runs; each release's source.
  const fillDir = path.join(
    os.tmpdir(),
    'go-cache-bench-upstream',
    `releases-${mod.replace(/[^\w.-]+/g, '_')}`
  )
  const modcache = path.join(fillDir, 'modcache')
  const fillEnv = { ...process.env, GOMODCACHE: modcache, GOFLAGS: '-modcacherw' }
  delete fillEnv.GOCACHEPROG
  const repo = path.join(work, 'repo')
  fs.mkdirSync(repo)
  initRepository(repo)
  const sums = {}
  const mods = {}
  const allVersions = [
    ...(oldVersion && scenarios.includes('old') ? [oldVersion] : []),
    ...versions
  ]
  for (const version of allVersions) {
    const dl = spawnSync('go', ['mod', 'download', '-json', `${mod}@${version}`], {
      env: fillEnv,
      encoding: 'utf8'
    })
    if (dl.status !== 0) throw new Error(`go mod download ${mod}@${version}:\n${dl.stderr}`)
    const src = JSON.parse(dl.stdout).Dir
    const marker = path.join(fillDir, `.filled-${version}`)
    if (!fs.existsSync(marker)) {
      log(`filling upstream for ${mod}@${version} (once; kept in ${fillDir})...`)
      const tmp = path.join(work, `fill-${version}`)
      fs.cpSync(src, tmp, { recursive: true })
      spawnSync('chmod', ['-R', 'u+w', tmp])
      for (const args of [
        ['mod', 'download'],
        ['list', '-deps', '-test', './...']
      ]) {
        const r = spawnSync('go', args, { cwd: tmp, env: fillEnv, encoding: 'utf8' })
        if (r.status !== 0) throw new Error(`go ${args.join(' ')} (${version}):\n${r.stderr}`)
      }
      fs.rmSync(tmp, { recursive: true, force: true })
      fs.writeFileSync(marker, new Date().toISOString())
    }
    // The commit: exactly this release's files (ignored ones too: the zip holds them).
    for (const name of fs.readdirSync(repo)) {
      if (name !== '.git') fs.rmSync(path.join(repo, name), { recursive: true, force: true })
    }
    fs.cpSync(src, repo, { recursive: true })
    spawnSync('chmod', ['-R', 'u+w', repo])
    git(repo, 'add', '-f', '-A')
    commitAll(repo, `${mod} ${version}`)
    git(repo, 'tag', version)
    sums[version] = fs.readFileSync(path.join(repo, 'go.sum'), 'utf8')
    mods[version] = fs.readFileSync(path.join(repo, 'go.mod'), 'utf8')
  }
  // The pull request: one commit on top of the last release that changes one package's
  // source (a comment in the project's prFile).
  const [prev, cur] = versions.slice(-2)
  const { prFile } = preset
  const prVersion = `${cur}+pr`
  if (scenarios.includes('pr')) {
    git(repo, 'checkout', '-q', '-B', 'main', cur)
    fs.appendFileSync(path.join(repo, prFile), '\n// A pull request changed this package.\n')
    git(repo, 'add', prFile)
    commitAll(repo, 'a pull request on top of the release')
    git(repo, 'tag', prVersion)
  }
  const upstream = await startUpstream(path.join(modcache, 'cache', 'download'), {
    latencyMs,
    bytesPerSec: bandwidthMiB * 2 ** 20
  })
  const emulator = await startEmulator({
    apiLatencyMs: latencyMs,
    blobBandwidthBytesPerSec: bandwidthMiB * 2 ** 20
  })

  // `go` for the steps: the real one, but a failing build, vet or test is recorded (on stderr)
  // and the step exits 0, so the runner goes on to the next step as with
  // `continue-on-error: true`; the action's own go commands (go env) pass through unchanged.
  const realGo = spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).stdout.trim()
  const bin = path.join(work, 'bin')
  fs.mkdirSync(bin)
  fs.writeFileSync(
    path.join(bin, 'go'),
    `#!/bin/sh\n'${realGo}' "$@"\nrc=$?\ncase "$1" in build|vet|test|mod) echo "bench-exit: $rc" >&2; exit 0;; esac\nexit $rc\n`,
    { mode: 0o755 }
  )
  const env = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-modcacherw',
    GOPROXY: upstream.url,
    GOSUMDB: 'off'
  }
  for (const name of ['GOCACHEPROG', 'GOMODCACHE', 'GOCACHE']) delete env[name]
  const pkgs = smoke ? [preset.smokePackage] : ['./...']
  const steps = [
    { name: 'go mod download', go: ['mod', 'download'] },
    { name: 'go build ./...', go: ['build', ...pkgs] },
    ...(vet ? [{ name: 'go vet ./...', go: ['vet', ...pkgs] }] : []),
    { name: 'go test -short', go: ['test', '-short', ...(smoke ? pkgs : testPackages)] }
  ]

  const workspace = path.join(work, 'src')
  const masters = path.join(work, 'masters')
  fs.mkdirSync(masters)
  const records = []
  const results = {
    date: new Date().toISOString(),
    command,
    // What the action's steps and daemon ran on (see actionNode in jobs.mjs).
    actionNode: nodeVersion(actionNode),
    project,
    module: mod,
    versions,
    latencyMs,
    bandwidthMiB,
    vet,
    testPackages,
    oldVersion: scenarios.includes('old') ? oldVersion : null,
    legs,
    rerunReps,
    nextReps,
    baselineRev: baselineRev ?? null,
    scenarios,
    prFile: scenarios.includes('pr') ? prFile : null,
    goSumChanged: allVersions.slice(1).map((v, i) => ({
      from: allVersions[i],
      to: v,
      changed: sums[v] !== sums[allVersions[i]],
      goModChanged: mods[v] !== mods[allVersions[i]]
    })),
    records
  }
  const save = () => {
    results.minutes = Math.round((Date.now() - started) / 6000) / 10
    results.outcomes = compareOutcomes(withSeeds(results))
    if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n')
  }

  /** One simulated job of a strategy at a release; returns its record. */
  async function job(strategy, o) {
    const {
      scenario,
      version,
      preload,
      record = true,
      jobSteps = steps,
      // The emulator repository (one per strategy; a scenario may need a separate one).
      repoName = strategy,
      ref = 'refs/heads/main',
      leg,
      rep
    } = o
    // A skipped strategy's job neither runs nor records; the seeding cold job always runs.
    if (skip.includes(strategy) && !(strategy === 'cold' && scenario === 'seed')) return {}
    git(repo, 'checkout', '-q', '-B', 'main', version)
    // One runner folder for every job, as on hosted runners (~/go/pkg/mod, ~/.cache/go-build):
    // Go's build cache keys a module package on its folder, so a GOCACHE restored under
    // another GOMODCACHE path would miss on every dependency; actions/cache's version also
    // hashes the cached paths.
    const jobDir = runnerDir ? path.resolve(runnerDir) : path.join(work, 'runner')
    fs.rmSync(jobDir, { recursive: true, force: true })
    fs.mkdirSync(jobDir)
    if (preload) {
      cp(path.join(preload, 'go-build'), path.join(jobDir, 'go-build'))
      cp(path.join(preload, 'go-mod'), path.join(jobDir, 'go-mod'))
    }
    upstream.reset()
    const before = emulator.stats()
    const loadavg = os.loadavg()[0]
    // This process serves the cache service and the module upstream: on a hosted runner that
    // CPU is elsewhere, here it shares the job's two cores.
    const serving = process.cpuUsage()
    const result = await runSimulatedJob({
      node: actionNode,
      actionDir: actions[strategy],
      workspace,
      checkout: repo,
      steps: jobSteps,
      job: 'build',
      ref,
      ...(ref.startsWith('refs/pull/') ? { baseRef: 'main' } : {}),
      ...(leg ? { matrix: { leg } } : {}),
      ...(logLevel && isAction(strategy) ? { inputs: { 'log-level': logLevel } } : {}),
      service: ['cold', 'warm'].includes(strategy)
        ? undefined
        : emulator.env({
            ref,
            ...(ref.startsWith('refs/pull/') ? { baseRef: 'refs/heads/main' } : {}),
            repo: `bench/${repoName}`
          }),
      env: leg ? { ...env, BENCH_LEG: leg } : env,
      jobDir
    })
    const after = emulator.stats()
    const served = process.cpuUsage(serving)
    const noAction = ['cold', 'warm'].includes(strategy)
    const t = result.timings
    const rec = {
      strategy,
      scenario,
      version,
      ...(leg ? { leg } : {}),
      ...(rep !== undefined ? { rep } : {}),
      totalMs: Math.round(noAction ? t.stepsMs : t.totalMs),
      mainMs: Math.round(noAction ? 0 : t.mainMs),
      stepsMs: Math.round(t.stepsMs),
      postMs: Math.round(noAction ? 0 : t.postMs),
      loadavg: Math.round(loadavg * 100) / 100,
      steps: Object.fromEntries(result.steps.map(s => [s.name, Math.round(s.ms)])),
      tests: testCounts(result),
      outcome: outcome(result),
      upstream: { ...upstream.stats },
      service: {
        bytesDown: after.bytesDownloaded - before.bytesDownloaded,
        bytesUp: after.bytesUploaded - before.bytesUploaded,
        apiCalls: sum(after.api) - sum(before.api),
        blobRequests: sum(after.blob) - sum(before.blob),
        /** CPU of the emulator and the upstream proxy (and this harness) during the job. */
        cpuMs: Math.round((served.user + served.system) / 1000)
      },
      ...(isAction(strategy) ? { summary: summaryRows(result.summary) } : {}),
      ...(logLevel === 'debug' && isAction(strategy)
        ? {
            bundleLog: result.post.stdout
              .split('\n')
              .filter(l => / bundle .*fetched |repack /.test(l))
          }
        : {}),
      warnings: result.warnings
    }
    if (record) records.push(rec)
    const failing = Object.entries(rec.outcome)
      .filter(([, v]) => v !== 0 && v !== 'ok')
      .map(([k]) => k)
    log(
      `  ${strategy.padEnd(11)} ${String(scenario).padEnd(6)} ${version}${leg ? ` ${leg}` : ''}: ${sec(rec.totalMs)} ` +
        `(main ${sec(rec.mainMs)}, ${Object.entries(rec.steps)
          .map(([k, v]) => `${k} ${sec(v)}`)
          .join(
            ', '
          )}, post ${sec(rec.postMs)}); tests ${rec.tests.cached} cached / ${rec.tests.ran} run; ` +
        `upstream ${rec.upstream.requests} requests ${mib(rec.upstream.bytes)} MiB; service down ` +
        `${mib(rec.service.bytesDown)} MiB up ${mib(rec.service.bytesUp)} MiB, serving CPU ` +
        `${sec(rec.service.cpuMs)}` +
        (failing.length ? `; failed: ${failing.join(', ')}` : '') +
        (rec.tests.ranPackages?.length ? `; tests ran in ${rec.tests.ranPackages.join(' ')}` : '')
    )
    save()
    return { rec, jobDir }
  }
  const keep = (jobDir, name) => {
    if (!jobDir) return undefined
    const dir = path.join(masters, name)
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir)
    cp(path.join(jobDir, 'go-build'), path.join(dir, 'go-build'))
    cp(path.join(jobDir, 'go-mod'), path.join(dir, 'go-mod'))
    return dir
  }

  const want = name => scenarios.includes(name)
  const action = !skip.includes('action')
  try {
    // Seeds at the previous release, as its CI run left the caches (not timed). The jobs run
    // in order of importance and the results are saved after each one, so a run cut short
    // still has the comparisons that matter; the cold jobs (minutes each here) come last.
    log(`seeding at ${prev} (cold builds of ${mod} take minutes here)...`)
    const seedCold = await job('cold', { scenario: 'seed', version: prev, record: false })
    const atPrev = keep(seedCold.jobDir, 'prev')
    results.seeds = { cold: seedCold.rec }
    const seed = async (strategy, version, preload, extra = {}) =>
      (
        await job(strategy, {
          scenario: 'seed',
          version,
          preload,
          jobSteps: [],
          record: false,
          ...extra
        })
      ).rec
    results.seeds.restorekeys = await seed('restorekeys', prev, atPrev)
    if (action) {
      results.seeds.action = (
        await job('action', { scenario: 'seed', version: prev, record: false })
      ).rec
    }
    if (baselineRev) {
      results.seeds.baseline = (
        await job('baseline', { scenario: 'seed', version: prev, record: false })
      ).rec
    }
    save()

    // Next release: every strategy's cache is the previous release's. Repeated, each rep
    // starts from those caches again: what a rep's jobs saved leaves the emulator before the
    // next rep (the last rep's saves stay, for the scenarios below). job() passes over
    // skipped strategies.
    log(`next release: ${prev} → ${cur}${nextReps > 1 ? `, ${nextReps} times` : ''}`)
    const nextOrder = ['action', ...baseline, 'restorekeys', 'warm']
    let atCur
    for (let rep = 0; rep < nextReps; rep++) {
      const before = new Set(emulator.entries().map(e => e.id))
      const turn = rep % nextOrder.length
      for (const strategy of [...nextOrder.slice(turn), ...nextOrder.slice(0, turn)]) {
        const ran = await job(strategy, {
          scenario: 'next',
          version: cur,
          ...(strategy === 'warm' ? { preload: atPrev } : {}),
          ...(nextReps > 1 ? { rep } : {})
        })
        // What a runner holds after a job at this release: warm local's re-run and
        // setup-go's entry for this go.mod (the one its job at this release saves on its miss).
        // With restore-keys skipped, warm local's own job at this release leaves it (without
        // it, warm local's re-run and pull request jobs were cold builds).
        const holdsCur = skip.includes('restorekeys') ? 'warm' : 'restorekeys'
        if (strategy === holdsCur) atCur = keep(ran.jobDir, 'cur')
      }
      if (rep === nextReps - 1) break
      const saved = emulator.entries().filter(e => !before.has(e.id))
      for (const e of saved) emulator.evict(e.key)
      log(`  (rep ${rep + 1}'s ${saved.length} saved entries evicted: the next rep starts over)`)
    }
    // setup-go at the next release: its key (go.mod's hash) misses and it has no restore keys:
    // a cold build, then a save under the new key, which its later jobs restore. Once: it is
    // 3x the others' time whatever the noise.
    await job('setupgo', { scenario: 'next', version: cur })

    // Same commit re-run: every strategy's cache is the one its job at this commit saved.
    log(`same commit re-run: ${cur}${rerunReps > 1 ? `, ${rerunReps} times` : ''}`)
    // job() passes over skipped strategies.
    const rerunOrder = ['action', ...baseline, 'restorekeys', 'setupgo', 'warm']
    for (let rep = 0; rep < rerunReps; rep++) {
      const turn = rep % rerunOrder.length
      const order = [...rerunOrder.slice(turn), ...rerunOrder.slice(0, turn)]
      for (const strategy of order) {
        await job(strategy, {
          scenario: 'rerun',
          version: cur,
          ...(strategy === 'warm' ? { preload: atCur } : {}),
          ...(rerunReps > 1 ? { rep } : {})
        })
      }
    }

    // A pull request from main: refs/pull/1/merge may read main's entries (the emulator's
    // scope rules), and writes its own scope only.
    if (want('pr')) {
      log(`pull request: ${prVersion} (${prFile} changed)`)
      const pr = { scenario: 'pr', version: prVersion, ref: 'refs/pull/1/merge' }
      if (action) await job('action', pr)
      await job('restorekeys', pr)
      await job('setupgo', pr)
      await job('warm', { ...pr, preload: atCur })
    }

    // The cache five releases old: separate emulator repositories, seeded by a job at the
    // old release (for the tarball, its restore-keys job, whose restore misses: a cold job).
    if (want('old') && oldVersion) {
      log(`cache five releases old: seeding at ${oldVersion}...`)
      const repoName = s => `${s}-old`
      const rkOld = await job('restorekeys', {
        scenario: 'seed',
        version: oldVersion,
        repoName: repoName('restorekeys'),
        record: false
      })
      const atOld = keep(rkOld.jobDir, 'old')
      results.seeds.oldRestorekeys = rkOld.rec
      if (action) {
        results.seeds.oldAction = (
          await job('action', {
            scenario: 'seed',
            version: oldVersion,
            repoName: repoName('action'),
            record: false
          })
        ).rec
      }
      save()
      log(`cache five releases old: ${oldVersion} → ${cur}`)
      if (action) {
        await job('action', { scenario: 'old', version: cur, repoName: repoName('action') })
      }
      await job('restorekeys', {
        scenario: 'old',
        version: cur,
        repoName: repoName('restorekeys')
      })
      await job('warm', { scenario: 'old', version: cur, preload: atOld })
      // setup-go: the same job as at the next release whenever go.mod changed since the cache
      // was saved (its key misses whatever the entry's age), so not run again; the report
      // takes its next-release job, and says so.
    }

    // A 4-leg matrix re-run at the same commit, each leg with its own entries (this action:
    // the matrix input; the restore-keys tarball: the leg in its key; setup-go's key has no
    // matrix value, so its legs share its one entry). The legs run one after another on the
    // same runner folders (see the report: parallel legs here would need different paths,
    // and Go's cache keys depend on them).
    if (want('matrix')) {
      const legNames = Array.from({ length: legs }, (_, i) => `leg${i + 1}`)
      log(`${legs}-leg matrix at ${cur}: seeding each leg...`)
      results.seeds.matrix = []
      for (const leg of legNames) {
        results.seeds.matrix.push(
          await seed('restorekeys', cur, atCur, { leg, scenario: 'matrix-seed' })
        )
        // This action's legs' first run: each starts from the job's index (its nearest
        // relative) and saves its own.
        if (action) {
          results.seeds.matrix.push(
            (await job('action', { scenario: 'matrix-first', version: cur, leg, record: false }))
              .rec
          )
        }
      }
      save()
      log(`${legs}-leg matrix at ${cur}: the re-run`)
      for (const leg of legNames) {
        if (action) await job('action', { scenario: 'matrix', version: cur, leg })
        await job('restorekeys', { scenario: 'matrix', version: cur, leg })
        await job('setupgo', { scenario: 'matrix', version: cur, leg })
      }
    }
    if (cold) await job('cold', { scenario: 'next', version: cur })
    save()
    return results
  } finally {
    // A server whose close never completes must not keep the script from ending.
    const closed = (what, p) =>
      Promise.race([p, sleep(10_000).then(() => log(`${what} did not close within 10 s`))])
    await closed('the upstream proxy', upstream.close())
    await closed('the cache service emulator', emulator.close())
    fs.rmSync(work, { recursive: true, force: true })
    if (runnerDir) fs.rmSync(runnerDir, { recursive: true, force: true })
  }
}

/** The action (dist/ and action.yml) as committed at rev, under `work`: a baseline to compare. */
function committedAction(work, rev) {
  const dir = path.join(work, 'action-baseline')
  fs.mkdirSync(dir)
  extractCommitted(rev, ['dist', 'action.yml'], dir)
  return dir
}

/** Each step's outcome: exit code of build/vet/mod, and ok/FAIL per test package. */
function outcome(result) {
  const o = {}
  for (const s of result.steps) {
    const m = [...s.stderr.matchAll(/^bench-exit: (\d+)$/gm)].pop()
    o[s.name] = m ? Number(m[1]) : s.exitCode
    if (s.name.startsWith('go test')) {
      for (const t of s.stdout.matchAll(/^(ok|FAIL)[ \t]+(\S+)/gm)) o[`test ${t[2]}`] = t[1]
      // Which tests failed, to tell a flaky test from a cache that changed a result.
      const failedTests = [...s.stdout.matchAll(/^\s*--- FAIL: (\S+)/gm)].map(t => t[1])
      if (failedTests.length) o['failed tests'] = failedTests.sort().join(' ')
    }
  }
  return o
}

/** The records and the seed jobs that ran go steps (a save-only seed runs none). */
function withSeeds(r) {
  const seeds = Object.values(r.seeds ?? {})
    .flat()
    .filter(x => x && Object.keys(x.steps).length)
  return [...r.records, ...seeds]
}

/** Per commit: whether every job at it, of every strategy, had the same outcomes. */
function compareOutcomes(records) {
  const byVersion = {}
  for (const r of records) (byVersion[r.version] ??= []).push(r)
  const report = {}
  for (const [version, rows] of Object.entries(byVersion)) {
    // A record may say which keys it could not know (outcomeUnknown); those are not compared.
    const diffOf = r => {
      const unknown = new Set([...(r.outcomeUnknown ?? []), ...(rows[0].outcomeUnknown ?? [])])
      const keys = new Set([...Object.keys(r.outcome), ...Object.keys(rows[0].outcome)])
      return [...keys].filter(k => !unknown.has(k) && r.outcome[k] !== rows[0].outcome[k])
    }
    const differing = rows
      .filter(r => diffOf(r).length)
      .map(
        r =>
          `${r.strategy}/${r.scenario} (${diffOf(r)
            .map(k => `${k}: ${r.outcome[k] ?? 'no line'}`)
            .join('; ')})`
      )
    const failed = Object.entries(rows[0].outcome)
      .filter(([, v]) => v !== 0 && v !== 'ok')
      .map(([k, v]) => (k === 'failed tests' ? `tests ${v}` : k))
    report[version] = {
      jobs: rows.length,
      first: `${rows[0].strategy}/${rows[0].scenario}`,
      identical: differing.length === 0,
      differing,
      failed
    }
  }
  return report
}

function summaryRows(summary) {
  const rows = {}
  for (const m of (summary ?? '').matchAll(/^\| ([^|]+) \| ([^|]+) \|$/gm)) {
    const k = m[1].trim()
    if (!/^-+$/.test(k)) rows[k] = m[2].trim()
  }
  return rows
}

/**
 * One strategy's job in a scenario: a matrix scenario adds up its legs (runner time, bytes,
 * requests, tests); setup-go's job with an old cache is its next-release job (its key misses
 * either way).
 */
function releaseRow(r, strategy, scenario) {
  const legRows = r.records.filter(x => x.strategy === strategy && x.scenario === scenario && x.leg)
  if (legRows.length) return addUpLegs(legRows)
  const ranOld = r.records.some(x => x.scenario === 'old')
  if (strategy === 'setupgo' && scenario === 'old' && ranOld) {
    const x = medianRun(r, 'setupgo', 'next')
    return x && { ...x, reused: true }
  }
  return medianRun(r, strategy, scenario)
}

/** A strategy's job in a scenario; of repeated runs (`--rerun-reps`) the median one, with every run's time. */
function medianRun(r, strategy, scenario) {
  const rows = r.records.filter(x => x.strategy === strategy && x.scenario === scenario)
  if (rows.length <= 1) return rows[0]
  const sorted = [...rows].sort((a, b) => a.totalMs - b.totalMs)
  return { ...sorted[(sorted.length - 1) >> 1], repMs: rows.map(x => x.totalMs) }
}

function addUpLegs(rows) {
  return {
    ...rows[0],
    totalMs: sum(rows.map(x => x.totalMs)),
    mainMs: sum(rows.map(x => x.mainMs)),
    postMs: sum(rows.map(x => x.postMs)),
    steps: Object.fromEntries(
      Object.keys(rows[0].steps).map(k => [k, sum(rows.map(x => x.steps[k] ?? 0))])
    ),
    tests: { cached: sum(rows.map(x => x.tests.cached)), ran: sum(rows.map(x => x.tests.ran)) },
    service: Object.fromEntries(
      Object.keys(rows[0].service).map(k => [k, sum(rows.map(x => x.service[k]))])
    ),
    upstream: Object.fromEntries(
      Object.keys(rows[0].upstream).map(k => [k, sum(rows.map(x => x.upstream[k]))])
    ),
    legMs: rows.map(x => x.totalMs)
  }
}

const CHART_STRATEGIES = {
  cold: { short: 'no cache', color: [150, 150, 150] },
  warm: { short: 'warm local', color: [60, 160, 90] },
  setupgo: { short: 'setup-go', color: [225, 125, 40] },
  restorekeys: { short: 'restore-keys tarball', color: [200, 80, 160] },
  action: { short: 'this action', color: [50, 110, 200] },
  baseline: { short: 'this action before', color: [120, 170, 230] }
}

/** Whole-job time per scenario and strategy, as the project's chart (releaseFiles). */
export function releasesChart(r) {
  const scenarios = Object.keys(RELEASE_SCENARIOS).filter(sc =>
    r.records.some(x => x.scenario === sc)
  )
  const value = (id, sc) => {
    if (id === 'cold')
      return sc === 'next'
        ? (r.records.find(x => x.strategy === 'cold') ?? r.seeds?.cold)
        : undefined
    return releaseRow(r, id, sc)
  }
  const ids = Object.keys(CHART_STRATEGIES).filter(id => scenarios.some(sc => value(id, sc)))
  const groups = scenarios.map(sc => ({
    label: RELEASE_SCENARIOS[sc].split(':')[0].replace(' (', '\n('),
    values: ids.map(id => {
      const x = value(id, sc)
      return x ? x.totalMs / 1000 : null
    })
  }))
  const others = groups.flatMap(g => g.values.filter((v, i) => v !== null && ids[i] !== 'cold'))
  return barChart({
    title: `Whole CI job time (s): ${r.module.split('/').slice(-2).join('/')}`,
    subtitle: `${r.versions.at(-2)} -> ${r.versions.at(-1)}; ${r.latencyMs} ms per request, ${r.bandwidthMiB} MiB/s; ${r.rerunReps > 1 ? `re-run: median of ${r.rerunReps}, others: ` : ''}one job each`,
    yLabel: 'seconds',
    groups,
    series: ids.map(id => ({
      name: CHART_STRATEGIES[id].short,
      color: CHART_STRATEGIES[id].color
    })),
    clipAt: Math.max(...others) * 1.15
  })
}

export function renderReleases(r) {
  const find = (strategy, scenario) => medianRun(r, strategy, scenario)
  const [prev, cur] = r.versions.slice(-2)
  const bump = r.goSumChanged.at(-1)
  const lines = [
    `## Real releases: ${RELEASE_PROJECTS[r.project ?? 'caddy'].title}`,
    '',
    `Command: \`${r.command}\`; ${r.minutes} min in all; the action ran on Node ${r.actionNode ?? '(not recorded)'}; ` +
      (r.nextReps > 1
        ? `the next release ${r.nextReps} times per strategy but setup-go (interleaved, the order rotated, each from the previous release's caches: a rep's saves are evicted before the next; each row is the median run), `
        : '') +
      (r.rerunReps > 1
        ? `the same-commit re-run ${r.rerunReps} times per strategy (interleaved, the order rotated; each row is the median run), every other scenario `
        : '') +
      'one job per strategy and scenario (cold builds take minutes on this shared 2-core machine: read ' +
      'differences under ~10% in a single job as noise). ' +
      `\`${r.module}\` as a git repository whose commits are its releases ${r.versions.join(', ')} (each one that ` +
      `release's module zip; go.sum ${bump?.changed ? 'changed' : 'did not change'} from ${prev} to ${cur}). Every job ` +
      'is a fresh clone into the same workspace, an empty GOMODCACHE and GOCACHE, then `go mod download`, ' +
      `\`go build ./...\`${r.vet ? ', `go vet ./...`' : ''} and \`go test -short\` over ${r.testPackages.map(p => `\`${p}\``).join(' ')}. ` +
      `Modules come from a local upstream proxy (filled once from proxy.golang.org) at ${r.latencyMs} ms per request and ` +
      `${r.bandwidthMiB} MiB/s, the cache service emulator has the same profile. A failing step is recorded and the ` +
      'job goes on. Time is the whole job: main step, go steps, post step (restore and save included).',
    '',
    'setup-go as its current release (v6/v7) behaves: paths `go env GOMODCACHE GOCACHE`, key ' +
      '`setup-go-<os>-<arch>-<image>-go-<version>-<hash of go.mod>` (go.mod is its default cache-dependency-path ' +
      'since v6; go.sum would give the same keys here: both change at each release compared), no restore keys, the ' +
      'post step saves only when the key missed (and only if the job succeeded). ' +
      (r.oldVersion
        ? `Cache five releases old: each strategy's cache was saved by a job at ${r.oldVersion} (separate emulator ` +
          `repositories), the job builds ${cur}. `
        : '') +
      (r.prFile
        ? `Pull request: a job on refs/pull/1/merge (base main) at ${cur} plus one commit that changes ` +
          `\`${r.prFile}\` (a comment); it reads what main's jobs at ${cur} saved. `
        : '') +
      (r.scenarios?.includes('matrix')
        ? `Matrix: ${r.legs} legs re-run at ${cur}, each with its own entries (this action: the \`matrix\` input; the ` +
          'restore-keys tarball: the leg in its key and restore keys; setup-go: its key has no matrix value, so every ' +
          'leg restores the one entry). The legs ran **one after another**, not in parallel: on GitHub each leg has a ' +
          "runner of its own with the same paths, and Go's cache keys depend on GOMODCACHE's and the workspace's " +
          'paths, which parallel legs on one machine cannot share; the row adds up the legs (runner time), each leg ' +
          "is listed. This action's legs were seeded by a first matrix run, each leg starting from the job's index."
        : ''),
    '',
    ...(r.notes ?? []).flatMap(n => [n, '']),
    `![Whole-job time per scenario and strategy](bench/results/${releaseFiles(r.project).chart})`,
    '',
    '| scenario | strategy | job | main | mod download | build | vet | test | post | tests (cached) / run | service down / up | service calls | upstream requests / MiB |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
  ]
  const row = (strategy, scenario) => releaseRow(r, strategy, scenario)
  for (const [scenario, title] of Object.entries(RELEASE_SCENARIOS)) {
    for (const [id, name] of Object.entries(RELEASE_STRATEGIES)) {
      // No cache is the same job in every scenario but the PR's; it is shown once, at the
      // next release; without its own job, the cold seed at the previous release stands in.
      if (id === 'cold' && scenario !== 'next') continue
      const coldSeed = id === 'cold' && !find('cold', 'next') && r.seeds?.cold
      const x = id === 'cold' ? (find('cold', 'next') ?? r.seeds?.cold) : row(id, scenario)
      if (!x) continue
      let label = coldSeed ? `${name} (the seed job at ${prev})` : name
      if (id === 'baseline') label += ` (${r.baselineRev})`
      if (x.reused) label += ' (its next-release job: its key misses the same way)'
      if (x.repMs) label += ` (median of ${x.repMs.length} runs: ${x.repMs.map(sec).join(', ')})`
      if (x.legMs) label += ` (${x.legMs.length} legs: ${x.legMs.map(sec).join(', ')})`
      const st = n => (x.steps[n] === undefined ? '–' : sec(x.steps[n]))
      lines.push(
        `| ${title.split(':')[0]} | ${label} | **${sec(x.totalMs)}** | ${sec(x.mainMs)} | ${st('go mod download')} | ` +
          `${st('go build ./...')} | ${st('go vet ./...')} | ${st('go test -short')} | ${sec(x.postMs)} | ` +
          `${x.tests.cached} / ${x.tests.ran} | ${mib(x.service.bytesDown)} / ${mib(x.service.bytesUp)} MiB | ` +
          `${x.service.apiCalls + x.service.blobRequests} | ${x.upstream.requests} / ${mib(x.upstream.bytes)} |`
      )
    }
  }
  const v = (a, b) => (a && b ? `${(a.totalMs / b.totalMs).toFixed(2)}×` : '–')
  const an = find('action', 'next')
  const ar = find('action', 'rerun')
  const ao = row('action', 'old')
  const ap = row('action', 'pr')
  const am = row('action', 'matrix')
  const other = (scenario, what) =>
    ['setupgo', 'restorekeys', 'warm']
      .map(id => [id, row(id, scenario)])
      .filter(([, x]) => x)
      .map(([id, x]) => `${RELEASE_STRATEGIES[id].split(' (')[0]} ${v(x, what)}`)
      .join(', ')
  const outcomes = compareOutcomes(withSeeds(r))
  lines.push(
    '',
    ...Object.entries(outcomes).map(
      ([version, o]) =>
        `Outcomes at ${version}: ${o.jobs} jobs, ` +
        (o.identical
          ? '**identical** across strategies'
          : `**differ** from the first job's (${o.first}): ${o.differing.join(', ')}`) +
        `${o.failed.length ? `; failing in the first: ${o.failed.map(f => `\`${f}\``).join(', ')}` : ''}.`
    ),
    '',
    'Targets:',
    '',
    `- Next release: this action ≥ 2× faster than setup-go (measured: setup-go's job is ${v(find('setupgo', 'next'), an)} this action's) and ≥ 1.3× faster ` +
      `than the restore-keys tarball (measured: ${v(find('restorekeys', 'next'), an)}).`,
    `- Same-commit re-run: ≤ 2× warm local (measured ${v(ar, find('warm', 'rerun'))}); faster than both tarballs ` +
      `(measured: setup-go's job is ${v(find('setupgo', 'rerun'), ar)} this action's, the restore-keys tarball's ` +
      `${v(find('restorekeys', 'rerun'), ar)}).`,
    `- Test packages (cached) with this action: ${ar ? `${ar.tests.cached} of ${ar.tests.cached + ar.tests.ran} on the re-run` : '–'}` +
      `${an ? `, ${an.tests.cached} of ${an.tests.cached + an.tests.ran} at the next release` : ''}` +
      `${ap ? `, ${ap.tests.cached} of ${ap.tests.cached + ap.tests.ran} in the pull request` : ''}.`,
    '',
    "Other scenarios (no targets set; each other strategy's job time over this action's):",
    '',
    ...(ao ? [`- Cache five releases old (${r.oldVersion} → ${cur}): ${other('old', ao)}.`] : []),
    ...(ap
      ? [
          `- Pull request (\`${r.prFile}\` changed on top of ${cur}): ${other('pr', ap)}; this action's tests ` +
            `${ap.tests.cached} (cached) / ${ap.tests.ran} run.`
        ]
      : []),
    ...(am
      ? [`- ${am.legMs.length}-leg matrix re-run, all legs' time: ${other('matrix', am)}.`]
      : []),
    ''
  )
  if (an?.summary || ar?.summary) {
    const keys = [
      ...new Set([...Object.keys(an?.summary ?? {}), ...Object.keys(ar?.summary ?? {})])
    ]
    lines.push(
      "This action's job summary in both scenarios:",
      '',
      '| | next release | same-commit re-run |',
      '| --- | --- | --- |',
      ...keys.map(k => `| ${k} | ${an?.summary?.[k] ?? '–'} | ${ar?.summary?.[k] ?? '–'} |`),
      ''
    )
  }
  if (r.seeds) {
    // A strategy left out with --skip has no seed.
    const { cold, restorekeys, action } = r.seeds
    const parts = [
      cold && `cold job ${sec(cold.totalMs)}`,
      restorekeys &&
        `the restore-keys tarball saved ${mib(restorekeys.service.bytesUp)} MiB in ${sec(restorekeys.postMs)}`,
      action &&
        `this action's cold job ${sec(action.totalMs)}, saving ${mib(action.service.bytesUp)} MiB`
    ]
    lines.push(`Seeds at ${prev} (not timed above): ${parts.filter(Boolean).join('; ')}.`, '')
  }
  return lines.join('\n')
}

function git(cwd, ...args) {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'bench',
      GIT_AUTHOR_EMAIL: 'bench@example.com',
      GIT_COMMITTER_NAME: 'bench',
      GIT_COMMITTER_EMAIL: 'bench@example.com'
    }
  })
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}

function cp(from, to) {
  if (!fs.existsSync(from)) return
  const r = spawnSync('cp', ['-a', from, to], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`cp ${from} ${to}: ${r.stderr}`)
}

const sum = o => Object.values(o).reduce((a, b) => a + b, 0)
const sec = ms => `${(ms / 1000).toFixed(1)} s`
const mib = bytes => Math.round((bytes / 2 ** 20) * 10) / 10

const VALUE_FLAGS = [
  '--project',
  '--versions',
  '--latency-ms',
  '--bandwidth-mib',
  '--scenarios',
  '--old-version',
  '--legs',
  '--rerun-reps',
  '--next-reps',
  '--baseline-rev',
  '--skip',
  '--runner-dir',
  '--log-level',
  '--out'
]
const SWITCHES = ['--no-vet', '--no-cold', '--smoke']
export const RELEASES_USAGE =
  'usage: node bench/releases.mjs [--project caddy|xtools] [--versions v2.11.8,v2.11.9]\n' +
  '  [--scenarios next,rerun,old,pr,matrix]' +
  '  [--old-version v2.11.4] [--legs 4] [--rerun-reps 3] [--next-reps 3] [--baseline-rev REV] [--latency-ms 40] [--bandwidth-mib 80] [--skip STRATEGY,…]\n' +
  '  [--runner-dir /dev/shm/go-cache-runner] [--log-level debug] [--out FILE.json] [--no-vet]\n' +
  '  [--no-cold] [--smoke]'

/** The releases bench's options from a command line (its own, or bench/run.mjs's). */
export function releasesOptions(argv) {
  const arg = name => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  // A count that is not a number would silently skip its loop (an hour's run measuring nothing).
  const count = name => {
    const v = arg(name)
    if (v === undefined) return undefined
    if (!/^\d+$/.test(v)) throw new Error(`${name} takes a whole number, not ${JSON.stringify(v)}`)
    return Number(v)
  }
  return {
    project: arg('--project'),
    versions: arg('--versions')?.split(','),
    latencyMs: Number(arg('--latency-ms') ?? 40),
    bandwidthMiB: Number(arg('--bandwidth-mib') ?? 80),
    vet: !argv.includes('--no-vet'),
    cold: !argv.includes('--no-cold'),
    scenarios: arg('--scenarios')?.split(','),
    oldVersion: arg('--old-version'),
    legs: count('--legs'),
    rerunReps: count('--rerun-reps'),
    nextReps: count('--next-reps'),
    baselineRev: arg('--baseline-rev'),
    smoke: argv.includes('--smoke'),
    skip: arg('--skip')?.split(',') ?? [],
    runnerDir: arg('--runner-dir'),
    logLevel: arg('--log-level')
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // An unknown flag (say --help) must not start an hour of builds.
  const argv = process.argv.slice(2)
  for (let i = 0; i < argv.length; i++) {
    if (VALUE_FLAGS.includes(argv[i]) && i + 1 < argv.length) i++
    else if (!SWITCHES.includes(argv[i])) {
      console.error(`unknown option ${argv[i]}\n${RELEASES_USAGE}`)
      process.exit(2)
    }
  }
  const files = releaseFiles(releasesOptions(argv).project)
  // --out: a probe run that must not replace the project's saved results (its chart goes beside).
  const outArg = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : undefined
  const out = argv.includes('--smoke')
    ? path.join(os.tmpdir(), 'releases-smoke.json')
    : (outArg ?? path.join(root, 'bench/results', files.json))
  const chart = outArg
    ? outArg.replace(/\.json$/, '') + '-chart.png'
    : path.join(root, 'bench/results', files.chart)
  const results = await releasesBench({
    ...releasesOptions(argv),
    command: `node bench/releases.mjs ${argv.join(' ')}`.trim(),
    out
  })
  if (!argv.includes('--smoke')) {
    fs.writeFileSync(chart, releasesChart(results))
  }
  console.log(renderReleases(results))
  // Everything the run started is closed by now; should anything still hold the event loop
  // (a socket, a child's pipe), it is named and the script exits instead of hanging.
  timer(() => {
    const open = process.getActiveResourcesInfo().filter(r => r !== 'Timeout')
    if (open.length) log(`still open after the run: ${open.join(', ')}; exiting`)
    process.exit(0)
  }, 2000).unref()
}
