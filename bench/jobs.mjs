// Whole-CI-job benchmark: simulated jobs (the runner simulation, the cache service emulator,
// the real @actions/cache client and the real go) of five caching strategies side by side,
// in several scenarios, interleaved over repetitions. bench/run.mjs renders its section of
// BENCHMARKS.md; run alone it writes bench/results/latest.json and bench/results/chart.png.
//   node bench/jobs.mjs [--reps 3] [--quick] [--scenarios a,b,c,d,e]
//     [--latency-ms 40] [--bandwidth-mib 80] [--workload std+fixture|fixture|MODULE@VERSION]
//     [--per-entry-reps 1] [--cold-reps 1] [--runner-dir /dev/shm] [--log-level debug]
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { runnerNode } from '../dist/runner-sim/index.js'
import { barChart } from './chart.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')

/**
 * The node every simulated job's action runs on: the runner's node24 (the pinned devDependency)
 * whatever node runs the benchmark, since an older one takes other paths (no zstd in zlib).
 * Passed to each job: the private copies of dist/ that jobs run from have no node_modules
 * beside them for runnerNode() to find it in.
 */
export const actionNode = runnerNode()

export const STRATEGIES = [
  { id: 'cold', name: 'no cache (cold)', short: 'no cache', color: [150, 150, 150] },
  { id: 'warm', name: 'warm local GOCACHE', short: 'warm local', color: [60, 160, 90] },
  { id: 'tarball', name: 'tarball (setup-go)', short: 'tarball', color: [225, 125, 40] },
  { id: 'per-entry', name: 'per-entry GOCACHEPROG', short: 'per-entry', color: [170, 80, 170] },
  { id: 'bundles', name: 'this action (bundles)', short: 'this action', color: [40, 100, 200] },
  {
    id: 'plugin-local',
    name: 'this action, store already on the runner (no service)',
    short: 'action, local store',
    color: [140, 190, 235]
  }
]
export const SCENARIOS = {
  a: 'nothing changed since the cache was saved',
  b: 'one leaf package changed',
  c: 'a widely imported package changed',
  d: 'the cache is ten commits old',
  e: '4-leg matrix sharing a base'
}
const SHORT = {
  a: '(a) unchanged',
  b: '(b) leaf changed',
  c: '(c) base changed',
  d: '(d) 10 commits old',
  e: '(e) 4-leg matrix'
}
/** Scenarios the per-entry strategy runs in (each of its jobs moves ~1,000 entries one by one). */
const PER_ENTRY_SCENARIOS = ['a', 'b']
/** Test shards of the matrix legs in (e): each leg runs its own part of the fixture's tests. */
const FIXTURE_SHARDS = [
  '^TestCount$',
  '^(TestSmall|TestTotal|TestGreeting)$',
  '^TestManyRects$',
  '^(TestLargeText|TestTop|TestTree)$'
]
const D_COMMITS = 10

// ---------------------------------------------------------------------------------------------
// Workloads: a module in the folder of the git repository every job clones, its steps, the
// packages the scenarios change.

function fixtureWorkload(repo, withStd) {
  fs.cpSync(path.join(root, '__tests__/fixtures/sample'), repo, { recursive: true })
  // A package whose tests read a file, list a directory and walk a tree: Go keys their result
  // by those files' times, which a fresh checkout renews.
  fs.cpSync(path.join(root, '__tests__/fixtures/reads-files'), repo, { recursive: true })
  // A package every other one imports: what scenario (c) changes.
  fs.mkdirSync(path.join(repo, 'internal/base'))
  fs.writeFileSync(
    path.join(repo, 'internal/base/base.go'),
    '// Package base is imported by every package of the module.\npackage base\n\n' +
      '// Version is read by every package.\nconst Version = "1"\n'
  )
  const packages = {
    'internal/primes': 'primes',
    'internal/shapes': 'shapes',
    'internal/textstat': 'textstat',
    'internal/golden': 'golden',
    'internal/base': 'base',
    'cmd/sample': 'main'
  }
  for (const [dir, name] of Object.entries(packages)) {
    if (name === 'base') continue
    fs.writeFileSync(
      path.join(repo, dir, 'zz_base.go'),
      `package ${name}\n\nimport "example.com/sample/internal/base"\n\nvar _ = base.Version\n`
    )
  }
  const build = withStd ? [{ go: ['build', 'std'] }] : []
  return {
    name: withStd ? 'std+fixture' : 'fixture',
    describe:
      (withStd ? '`go build std`, ' : '') +
      '`go vet ./...` and `go test ./...` of the fixture module (`__tests__/fixtures/sample` ' +
      'plus a package `internal/base` that every package imports and the package ' +
      '`internal/golden` of `__tests__/fixtures/reads-files`, whose tests read a file, list a ' +
      'directory and walk a tree); `primes.TestCount` takes about a second',
    packages,
    leaf: 'internal/textstat',
    base: 'internal/base',
    // Commit k of scenario (d) changes rotation[k-1]; the last one is the leaf, as in (b).
    rotation: [
      'internal/primes',
      'internal/shapes',
      'internal/base',
      'cmd/sample',
      'internal/primes',
      'internal/textstat',
      'internal/shapes',
      'internal/primes',
      'cmd/sample',
      'internal/textstat'
    ],
    steps: [...build, { go: ['vet', './...'] }, { go: ['test', './...'] }],
    legSteps: leg => [
      ...build,
      { go: ['vet', './...'] },
      { go: ['test', '-run', FIXTURE_SHARDS[leg - 1], './...'] }
    ],
    env: { GOPROXY: 'off' }
  }
}

/** A real-world module from the Go module proxy; its dependencies are fetched once, up front. */
function moduleWorkload(repo, spec, gomodcache) {
  const fetchEnv = {
    ...process.env,
    GOMODCACHE: gomodcache,
    GOFLAGS: '-mod=mod',
    GOTOOLCHAIN: 'local'
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'go-cache-jobs-mod-'))
  spawnSync('go', ['mod', 'init', 'bench.local/fetch'], { cwd: tmp, env: fetchEnv })
  const dl = spawnSync('go', ['mod', 'download', '-json', spec], {
    cwd: tmp,
    env: fetchEnv,
    encoding: 'utf8'
  })
  if (dl.status !== 0) throw new Error(`go mod download ${spec} failed:\n${dl.stderr}${dl.stdout}`)
  const { Dir } = JSON.parse(dl.stdout)
  fs.cpSync(Dir, repo, { recursive: true })
  spawnSync('chmod', ['-R', 'u+w', repo])
  const deps = spawnSync('go', ['mod', 'download'], {
    cwd: repo,
    env: fetchEnv,
    encoding: 'utf8'
  })
  if (deps.status !== 0) throw new Error(`go mod download in ${spec} failed:\n${deps.stderr}`)
  const list = spawnSync('go', ['list', '-json=ImportPath,Name,Dir,Imports,TestGoFiles', './...'], {
    cwd: repo,
    env: { ...fetchEnv, GOFLAGS: '', GOPROXY: 'off' },
    encoding: 'utf8'
  })
  if (list.status !== 0) throw new Error(`go list in ${spec} failed:\n${list.stderr}`)
  const pkgs = JSON.parse(`[${list.stdout.replace(/}\s*{/g, '},{')}]`)
  const importers = new Map(pkgs.map(p => [p.ImportPath, 0]))
  for (const p of pkgs)
    for (const i of p.Imports ?? []) if (importers.has(i)) importers.set(i, importers.get(i) + 1)
  const rel = p => path.relative(repo, p.Dir) || '.'
  const packages = Object.fromEntries(pkgs.map(p => [rel(p), p.Name]))
  const byImporters = [...pkgs].sort(
    (x, y) => importers.get(y.ImportPath) - importers.get(x.ImportPath)
  )
  const leafPkg =
    pkgs.find(p => p.Name !== 'main' && importers.get(p.ImportPath) === 0 && p.TestGoFiles) ??
    pkgs.find(p => importers.get(p.ImportPath) === 0) ??
    pkgs[pkgs.length - 1]
  const leaf = rel(leafPkg)
  const base = rel(byImporters[0])
  const others = byImporters.slice(1, 4).map(rel)
  const cycle = [base, ...others, leaf]
  const rotation = Array.from({ length: D_COMMITS - 1 }, (_, k) => cycle[k % cycle.length])
  rotation.push(leaf)
  const steps = [
    { go: ['build', 'std'] },
    { go: ['vet', './...'] },
    { go: ['test', '-short', './...'] }
  ]
  return {
    name: spec,
    describe: `\`go build std\`, \`go vet ./...\` and \`go test -short ./...\` of ${spec} (from the Go module proxy; module downloads done up front, outside every job)`,
    packages,
    leaf,
    base,
    rotation,
    steps,
    legSteps: leg => [
      { go: ['build', 'std'] },
      { go: ['vet', './...'] },
      { go: ['test', '-short', '-shuffle', String(leg), './...'] }
    ],
    env: { GOPROXY: 'off', GOMODCACHE: gomodcache, GOFLAGS: '-mod=mod' }
  }
}

/**
 * Makes the repository's next commit the workload with `changes` (a package folder → a tag
 * it gained) and nothing else changed; the next fresh clone checks it out.
 */
function commitState(repo, workload, changes, message, commitAll) {
  for (const [dir, name] of Object.entries(workload.packages)) {
    const file = path.join(repo, dir, 'zz_bench_change.go')
    const tag = changes[dir]
    if (tag === undefined) fs.rmSync(file, { force: true })
    else {
      // A new exported name changes the package's export data: its importers recompile.
      fs.writeFileSync(
        file,
        `package ${name}\n\n// BenchChange${tag} stands for a commit of the benchmark's history.\n` +
          `const BenchChange${tag} = "${tag}"\n`
      )
    }
  }
  commitAll(repo, message)
}

/**
 * Makes repo a git repository holding all of it, ignored files too: a module's zip may hold
 * files its own .gitignore names, and a clone without them would not build the same.
 */
function makeRepository(repo, initRepository, commitAll) {
  initRepository(repo)
  const r = spawnSync('git', ['add', '-f', '-A'], { cwd: repo, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`git add in ${repo}: ${r.stderr}`)
  const staged = spawnSync('git', ['diff', '--cached', '--quiet'], { cwd: repo })
  if (staged.status !== 0) commitAll(repo, 'ignored files of the module')
}

/** `ok` lines of go test output: test packages served (cached) and run. */
export function testCounts(result) {
  let cached = 0
  let ran = 0
  // Which passing packages ran their tests: the ones to explain when a cache should have served them.
  const ranPackages = []
  for (const s of result.steps) {
    if (!s.name.startsWith('go test')) continue
    for (const m of s.stdout.matchAll(/^ok\s+(\S+)\s+(\(cached\)|[\d.]+s)/gm)) {
      if (m[2] === '(cached)') cached++
      else {
        ran++
        ranPackages.push(m[1])
      }
    }
  }
  return { cached, ran, ranPackages }
}

function dChanges(workload, upTo) {
  const changes = {}
  for (let k = 1; k <= upTo; k++) changes[workload.rotation[k - 1]] = `D${k}`
  return changes
}

// ---------------------------------------------------------------------------------------------
// The benchmark.

export async function jobsBench(options = {}) {
  const {
    quick = false,
    latencyMs = 40,
    bandwidthMiB = 80,
    workload: workloadSpec = 'std+fixture',
    perEntryReps = 1,
    coldReps = 1,
    // Where the benchmark's folders (runners, workspace, masters) live; default the temp dir.
    // On a journal-less ext4 (this VM) creating files right after deleting many is slow (the
    // kernel skips recently freed inodes) and every job deletes the last one's folders:
    // tmpfs (/dev/shm) avoids that, as a hosted runner's journaled disk does.
    runnerDir,
    // The action's log-level input; at debug, each bundle's timing line goes into the record.
    logLevel,
    log = line => console.error(line)
  } = options
  const reps = options.reps ?? (quick ? 1 : 3)
  const scenarios = options.scenarios ?? (quick ? ['a', 'b', 'd'] : ['a', 'b', 'c', 'd', 'e'])
  const started = Date.now()
  const work = fs.mkdtempSync(path.join(runnerDir ?? os.tmpdir(), 'go-cache-jobs-'))
  const { actionDir, runnerSim } = await privateAction(work)
  const { runSimulatedJob, startEmulator, initRepository, commitAll, freshClone } = runnerSim
  const noopAction = fakeAction(work, 'noop', '', '')
  const step = mode =>
    `process.env.BENCH_TARBALL_STEP = '${mode}'\nimport(${JSON.stringify(pathToFileURL(path.join(here, 'tarball-step.mjs')).href)})\n`
  const tarballAction = fakeAction(work, 'tarball', step('restore'), step('save'))

  // Every job, of every strategy, seeds included, starts from a fresh clone of `repo` into
  // `workspace` (runSimulatedJob's checkout), as actions/checkout gives a hosted runner: every
  // file then has the time of that clone, which is what decides whether a test that reads files
  // is (cached). The same path each time: Go's test cache also keys on the package's folder.
  // A scenario's change is a commit of `repo`, so the next clone sees it.
  const workspace = path.join(work, 'src')
  const repo = path.join(work, 'repo')
  fs.mkdirSync(repo)
  const gomodcache = path.join(work, 'gomod')
  const workload =
    workloadSpec === 'std+fixture' || workloadSpec === 'fixture'
      ? fixtureWorkload(repo, workloadSpec === 'std+fixture')
      : moduleWorkload(repo, workloadSpec, gomodcache)
  makeRepository(repo, initRepository, commitAll)
  const commit = (changes, message) => commitState(repo, workload, changes, message, commitAll)
  const goEnv = {
    ...process.env,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
    GOMODCACHE: gomodcache,
    ...workload.env
  }
  delete goEnv.GOCACHEPROG
  const emulator = await startEmulator({
    apiLatencyMs: latencyMs,
    blobBandwidthBytesPerSec: bandwidthMiB * 2 ** 20
  })
  const masters = path.join(work, 'masters')
  fs.mkdirSync(masters)
  const tarballRunner = path.join(work, 'runner-tarball')
  const localStore = path.join(masters, 'store')
  const records = []
  const seeds = {}

  /** Runs one simulated job of a strategy; returns its record (and the result). */
  async function job(strategy, o) {
    const {
      scenario,
      rep,
      leg,
      ref,
      jobName = 'build',
      matrix = null,
      steps = workload.steps,
      warmFrom,
      inputs = {},
      keep = false,
      record = true,
      extraSteps
    } = o
    let jobDir
    if (strategy === 'tarball') {
      // setup-go's key version hashes the cache path: every tarball job uses the same one.
      fs.rmSync(tarballRunner, { recursive: true, force: true })
      fs.mkdirSync(tarballRunner)
      jobDir = tarballRunner
      if (o.preload) cp(o.preload, path.join(jobDir, 'go-build'))
    } else {
      jobDir = fs.mkdtempSync(path.join(work, `job-${strategy}-`))
    }
    if (strategy === 'warm') cp(warmFrom, path.join(jobDir, 'go-build'))
    if (strategy === 'plugin-local') {
      fs.mkdirSync(path.join(jobDir, 'runner-temp/go-cache'), { recursive: true })
      cp(localStore, path.join(jobDir, 'runner-temp/go-cache/store'))
    }
    const usesAction = ['bundles', 'per-entry', 'plugin-local'].includes(strategy)
    const rss = {}
    const hooked = []
    for (const s of extraSteps ?? steps) {
      hooked.push(s)
      if (usesAction && s.go?.[0] === 'build' && s.go[1] === 'std') {
        hooked.push({
          name: 'rss after std',
          call: ({ state }) => (rss.std = daemonPeakMiB(state))
        })
      }
    }
    if (usesAction)
      hooked.push({ name: 'rss', call: ({ state }) => (rss.steps = daemonPeakMiB(state)) })
    const service = ['cold', 'warm', 'plugin-local'].includes(strategy)
      ? undefined
      : emulator.env({ ref, repo: `bench/${strategy}` })
    const loadavg = os.loadavg()[0]
    const before = emulator.stats()
    const result = await runSimulatedJob({
      node: actionNode,
      actionDir: usesAction ? actionDir : strategy === 'tarball' ? tarballAction : noopAction,
      workspace,
      checkout: repo,
      steps: hooked,
      inputs: {
        ...(strategy === 'per-entry' ? { 'bundle-size': '1' } : {}),
        ...(logLevel ? { 'log-level': logLevel } : {}),
        ...inputs
      },
      matrix,
      ref,
      job: jobName,
      service,
      env: goEnv,
      jobDir
    })
    const after = emulator.stats()
    const failed = result.steps.find(s => s.exitCode !== 0)
    if (failed) {
      throw new Error(
        `${strategy} ${scenario}: ${failed.name} failed:\n${failed.stderr}${failed.stdout}`
      )
    }
    const cacheSteps = strategy !== 'cold' && strategy !== 'warm'
    const t = result.timings
    const rec = {
      strategy,
      scenario,
      rep,
      ...(leg ? { leg } : {}),
      ref,
      totalMs: cacheSteps ? t.totalMs : t.stepsMs,
      mainMs: cacheSteps ? t.mainMs : 0,
      stepsMs: t.stepsMs,
      postMs: cacheSteps ? t.postMs : 0,
      loadavg: Math.round(loadavg * 100) / 100,
      steps: Object.fromEntries(result.steps.map(s => [s.name, Math.round(s.ms)])),
      tests: testCounts(result),
      service: serviceDelta(before, after),
      ...(usesAction ? { action: parseSummary(result.summary), daemonPeakMiB: rss } : {}),
      ...(usesAction && logLevel === 'debug'
        ? {
            bundleLog: result.post.stdout
              .split('\n')
              .filter(l => / bundle .*fetched |repack /.test(l))
          }
        : {}),
      warnings: result.warnings
    }
    if (record) records.push(rec)
    log(
      `  ${strategy.padEnd(9)} ${String(scenario).padEnd(4)} rep ${rep}${leg ? ` leg ${leg}` : ''}: ` +
        `${(rec.totalMs / 1000).toFixed(1)} s (main ${(rec.mainMs / 1000).toFixed(1)}, ` +
        `steps ${(rec.stepsMs / 1000).toFixed(1)}, post ${(rec.postMs / 1000).toFixed(1)}), ` +
        `tests ${rec.tests.cached} cached / ${rec.tests.ran} run` +
        `${rec.action ? `, ${rec.action.requests} requests, net wait ${rec.action.networkWaitSec} s` : ''}`
    )
    if (!keep && jobDir !== tarballRunner) fs.rmSync(jobDir, { recursive: true, force: true })
    return { rec, result, jobDir }
  }

  /**
   * Plain go in a GOCACHE folder, for the warm-local runner's history (not timed).
   *
   * Warm local is the runner that kept the GOCACHE of its previous jobs, at no cost: the bound
   * on what any way of bringing GOCACHE onto a runner can give. Its jobs still start from a
   * fresh clone, like every other strategy's, so that the strategies differ only in how
   * GOCACHE gets there: a hosted runner (and actions/checkout's default) always checks out
   * afresh, and a warm GOCACHE does not make a file-reading test (cached) when the files it
   * read have new times. A developer machine or a persistent runner that updates one working
   * tree in place keeps the times of unchanged files, and would see those tests (cached): that
   * is what stable-file-times gives this action's jobs, not something a GOCACHE gives. So its
   * history runs check out afresh too, each at the commit it stands for.
   */
  function goPlain(gocache, steps) {
    freshClone(repo, workspace)
    for (const s of steps) {
      const r = spawnSync('go', s.go, {
        cwd: workspace,
        env: { ...goEnv, GOCACHE: gocache },
        encoding: 'utf8'
      })
      if (r.status !== 0) throw new Error(`go ${s.go.join(' ')} failed:\n${r.stderr}`)
    }
  }

  const main = 'refs/heads/main'
  const branch = (scenario, rep, leg) =>
    `refs/heads/bench-${scenario}-r${rep}${leg ? `-l${leg}` : ''}`
  const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length])
  const W0 = path.join(masters, 'W0')

  try {
    // Seeds: the caches as the previous commit's CI run left them, at commit C0 on main (the
    // repository's first commit).
    log(`seeding at C0 (${workload.name}; cold builds take minutes here)...`)
    const cold = await job('cold', { scenario: 'a', rep: 1, ref: main, keep: true })
    fs.renameSync(path.join(cold.jobDir, 'go-build'), W0)
    fs.rmSync(cold.jobDir, { recursive: true, force: true })
    const tarSeed = await job('tarball', {
      scenario: 'seed',
      rep: 0,
      ref: main,
      preload: W0,
      extraSteps: [],
      record: false
    })
    seeds.tarball = {
      mainMs: tarSeed.rec.mainMs,
      postMs: tarSeed.rec.postMs,
      service: tarSeed.rec.service
    }
    const bSeed = await job('bundles', {
      scenario: 'seed',
      rep: 0,
      ref: main,
      keep: true,
      record: false
    })
    seeds.bundles = bSeed.rec
    const store = path.join(bSeed.jobDir, 'runner-temp/go-cache/store')
    if (scenarios.some(s => PER_ENTRY_SCENARIOS.includes(s)) && perEntryReps > 0) {
      // Seeding the per-entry cache for real would be a second cold build plus one upload per
      // entry at 200 entries a minute; replay the bundles seed's entries into a per-entry
      // daemon instead, with the rate limit lifted for this seed only.
      const limit = emulator.knobs().rateLimitPerMinute
      emulator.configure({ rateLimitPerMinute: 0 })
      const replayed = {}
      const pSeed = await job('per-entry', {
        scenario: 'seed',
        rep: 0,
        ref: main,
        record: false,
        inputs: { 'flush-timeout': '3600' },
        extraSteps: [
          {
            name: 'replay',
            call: async ({ state }) => Object.assign(replayed, await replayStore(store, state))
          }
        ]
      })
      emulator.configure({ rateLimitPerMinute: limit })
      seeds.perEntry = { ...pSeed.rec, replayed }
    }
    // This action's floor: the seed's store as if it were already on the runner, no service.
    cp(store, localStore)
    fs.rmSync(bSeed.jobDir, { recursive: true, force: true })

    if (scenarios.includes('e')) {
      log('seeding the matrix legs at C0...')
      for (let leg = 1; leg <= 4; leg++) {
        cp(W0, path.join(masters, `E${leg}`))
        goPlain(path.join(masters, `E${leg}`), workload.legSteps(leg))
        await job('bundles', {
          scenario: 'seed-e',
          rep: 0,
          leg,
          ref: main,
          jobName: 'matrix',
          matrix: { shard: leg },
          steps: workload.legSteps(leg),
          record: false
        })
      }
    }

    const single = scenarios.filter(s => s !== 'd')
    const changesOf = {
      a: {},
      b: { [workload.leaf]: 'B' },
      c: { [workload.base]: 'C' },
      e: { [workload.leaf]: 'E' }
    }
    for (let rep = 1; rep <= reps; rep++) {
      log(`rep ${rep}/${reps}`)
      for (const scenario of single) {
        // The scenario's state as a new commit (for (a), C0's tree again): every clone of this
        // rep's jobs checks it out.
        commit(changesOf[scenario], `scenario ${scenario}, rep ${rep}`)
        for (const strategy of rotate(
          ['cold', 'warm', 'tarball', 'per-entry', 'bundles', 'plugin-local'],
          rep - 1
        )) {
          if (strategy === 'cold' && (scenario !== 'a' || rep === 1 || rep > coldReps)) continue
          if (strategy === 'plugin-local' && scenario !== 'a') continue
          if (
            strategy === 'per-entry' &&
            (!PER_ENTRY_SCENARIOS.includes(scenario) || rep > perEntryReps)
          ) {
            continue
          }
          if (scenario === 'e') {
            for (let leg = 1; leg <= 4; leg++) {
              await job(strategy, {
                scenario,
                rep,
                leg,
                ref: branch(scenario, rep, leg),
                jobName: 'matrix',
                matrix: { shard: leg },
                steps: workload.legSteps(leg),
                warmFrom: path.join(masters, `E${leg}`)
              })
            }
          } else {
            await job(strategy, { scenario, rep, ref: branch(scenario, rep), warmFrom: W0 })
          }
        }
      }
    }

    if (scenarios.includes('d')) {
      // Commits C1…C9 land on main, each with its CI run; the tarball's key (go.sum) never
      // changes, so those runs hit it and save nothing: they are not run for it.
      log(`scenario (d): commits C1…C${D_COMMITS - 1} on main...`)
      const W9 = path.join(masters, 'W9')
      cp(W0, W9)
      for (let k = 1; k < D_COMMITS; k++) {
        commit(dChanges(workload, k), `C${k}`)
        goPlain(W9, workload.steps)
        await job('bundles', { scenario: `chain${k}`, rep: 0, ref: main, record: false })
      }
      commit(dChanges(workload, D_COMMITS), `C${D_COMMITS}`)
      for (let rep = 1; rep <= reps; rep++) {
        for (const strategy of rotate(['warm', 'tarball', 'bundles'], rep - 1)) {
          await job(strategy, { scenario: 'd', rep, ref: branch('d', rep), warmFrom: W9 })
        }
      }
    }
  } finally {
    await emulator.close()
    fs.rmSync(work, { recursive: true, force: true })
  }

  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    command: options.command ?? 'node bench/jobs.mjs',
    durationSec: Math.round((Date.now() - started) / 1000),
    workload: {
      name: workload.name,
      describe: workload.describe,
      leaf: workload.leaf,
      base: workload.base
    },
    network: { apiLatencyMs: latencyMs, bandwidthMiB },
    runnerDir: runnerDir ?? null,
    reps,
    perEntryReps,
    coldReps,
    scenarios,
    seeds,
    jobs: records
  }
  results.medians = medians(results)
  results.targets = targets(results)
  return results
}

/**
 * A private copy of the action (dist/ and action.yml) under `work`, and its runner simulation
 * loaded from there: other work in this checkout may rebuild dist/ while a benchmark runs.
 */
export async function privateAction(work) {
  const actionDir = path.join(work, 'action')
  fs.mkdirSync(actionDir, { recursive: true })
  fs.cpSync(path.join(root, 'dist'), path.join(actionDir, 'dist'), { recursive: true })
  fs.copyFileSync(path.join(root, 'action.yml'), path.join(actionDir, 'action.yml'))
  const runnerSim = await import(
    pathToFileURL(path.join(actionDir, 'dist/runner-sim/index.js')).href
  )
  return { actionDir, runnerSim }
}

/** Extracts `paths` as committed at `rev` in this repository into `dir` (git archive | tar). */
export function extractCommitted(rev, paths, dir) {
  const r = spawnSync(
    'sh',
    [
      '-c',
      `git archive ${JSON.stringify(rev)} ${paths.join(' ')} | tar -x -C ${JSON.stringify(dir)}`
    ],
    { cwd: root, encoding: 'utf8' }
  )
  if (r.status !== 0) throw new Error(`git archive ${rev} ${paths.join(' ')} failed: ${r.stderr}`)
}

export function fakeAction(work, name, mainJs, postJs) {
  const dir = path.join(work, `action-${name}`)
  fs.mkdirSync(path.join(dir, 'dist/main'), { recursive: true })
  fs.mkdirSync(path.join(dir, 'dist/post'), { recursive: true })
  fs.writeFileSync(
    path.join(dir, 'action.yml'),
    `name: ${name}\nruns:\n  using: node24\n  main: dist/main/index.js\n  post: dist/post/index.js\n`
  )
  fs.writeFileSync(path.join(dir, 'dist/main/index.js'), mainJs)
  fs.writeFileSync(path.join(dir, 'dist/post/index.js'), postJs)
  return dir
}

function cp(from, to) {
  const r = spawnSync('cp', ['-a', from, to], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`cp ${from} ${to}: ${r.stderr}`)
}

/** The daemon's peak resident memory so far (VmHWM), MiB; Linux only. */
function daemonPeakMiB(state) {
  try {
    const { pid } = JSON.parse(state['go-cache-daemon'])
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1])
    return Math.round((kb / 1024) * 10) / 10
  } catch {
    return null
  }
}

function serviceDelta(before, after) {
  const sum = o => Object.values(o).reduce((a, b) => a + b, 0)
  return {
    apiCalls: sum(after.api) - sum(before.api),
    blobRequests: sum(after.blob) - sum(before.blob),
    creates: after.api.CreateCacheEntry - before.api.CreateCacheEntry,
    entriesCreated: after.entriesCreated - before.entriesCreated,
    downloadUrls: after.api.GetCacheEntryDownloadURL - before.api.GetCacheEntryDownloadURL,
    rateLimited: after.rateLimited - before.rateLimited,
    bytesUploaded: after.bytesUploaded - before.bytesUploaded,
    bytesDownloaded: after.bytesDownloaded - before.bytesDownloaded
  }
}

/** The figures of the action's job summary (the post step prints nothing machine-readable). */
function parseSummary(summary) {
  const row = name => new RegExp(`^\\| ${name} \\| (.*) \\|$`, 'm').exec(summary)?.[1] ?? ''
  const num = (text, re) => Number(re.exec(text)?.[1] ?? NaN)
  const down = row('downloaded')
  const up = row('uploaded')
  return {
    requests: num(row('requests to the cache service'), /^(\d+)/),
    rateLimited: num(row('requests to the cache service'), /(\d+) rate-limited/) || 0,
    bundlesDownloaded: num(down, / in (\d+) of/),
    bundlesInIndex: num(down, / of (\d+) bundles/),
    bundlesUploaded: num(up, / in (\d+) bundles/),
    indexUploaded: up.includes('+ index'),
    gets: num(row('lookups \\(gets\\)'), /^(\d+)/),
    misses: num(row('misses \\(compiled or run\\)'), /^(\d+)/),
    hitRate: num(row('hit rate'), /^(\d+)%/) / 100,
    networkWaitSec: num(row('time gets waited on the network'), /^([\d.]+) s/),
    verdict: /^### (.*)$/m.exec(summary)?.[1] ?? ''
  }
}

/** Replays a store's entries, in the order they were put, as puts to a daemon. */
async function replayStore(storeDir, state) {
  const { socket } = JSON.parse(state['go-cache-daemon'])
  const entries = []
  const actionsDir = path.join(storeDir, 'a')
  for (const sub of fs.readdirSync(actionsDir)) {
    for (const name of fs.readdirSync(path.join(actionsDir, sub))) {
      const m = /^v1 ([0-9a-f]{64}) (\d+) (\d+)/.exec(
        fs.readFileSync(path.join(actionsDir, sub, name), 'utf8')
      )
      if (m) entries.push({ action: name, output: m[1], size: Number(m[2]), time: Number(m[3]) })
    }
  }
  entries.sort((x, y) => x.time - y.time)
  const conn = await connectProtocol(socket)
  let next = 0
  let errors = 0
  const lane = async () => {
    while (next < entries.length) {
      const e = entries[next++]
      const body =
        e.size > 0
          ? fs.readFileSync(path.join(storeDir, 'o', e.output.slice(0, 2), e.output))
          : null
      const answer = await conn.request(
        {
          Command: 'put',
          ActionID: Buffer.from(e.action, 'hex').toString('base64'),
          OutputID: Buffer.from(e.output, 'hex').toString('base64'),
          BodySize: e.size
        },
        body
      )
      if (answer.Err) errors++
    }
  }
  await Promise.all(Array.from({ length: 8 }, lane))
  await conn.close()
  return { entries: entries.length, nonEmpty: entries.filter(e => e.size > 0).length, errors }
}

function connectProtocol(socket) {
  return new Promise((resolve, reject) => {
    const conn = net.connect(socket)
    const waiting = new Map()
    let partial = ''
    let nextId = 1
    conn.setEncoding('utf8')
    conn.on('error', reject)
    conn.on('data', text => {
      const data = partial + text
      const last = data.lastIndexOf('\n')
      partial = data.slice(last + 1)
      for (const line of data.slice(0, last).split('\n')) {
        if (!line.trim()) continue
        const answer = JSON.parse(line)
        waiting.get(answer.ID)?.(answer)
        waiting.delete(answer.ID)
      }
    })
    conn.on('connect', () =>
      resolve({
        request(header, body) {
          const id = nextId++
          let text = JSON.stringify({ ID: id, ...header }) + '\n\n'
          if (body) text += '"' + body.toString('base64') + '"\n'
          return new Promise(done => {
            waiting.set(id, done)
            conn.write(text)
          })
        },
        close: () =>
          new Promise(done => {
            conn.once('close', done)
            conn.end(JSON.stringify({ ID: nextId++, Command: 'close' }) + '\n\n')
          })
      })
    )
  })
}

// ---------------------------------------------------------------------------------------------
// Figures.

const median = xs => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0
    ? null
    : s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** Per scenario and strategy: medians over reps; (e) sums its four legs per rep first. */
function medians(results) {
  const out = {}
  for (const scenario of results.scenarios) {
    out[scenario] = {}
    for (const { id } of STRATEGIES) {
      const jobs = results.jobs.filter(j => j.scenario === scenario && j.strategy === id)
      if (jobs.length === 0) continue
      const byRep = new Map()
      for (const j of jobs) (byRep.get(j.rep) ?? byRep.set(j.rep, []).get(j.rep)).push(j)
      const perRep = [...byRep.values()].map(legs => {
        const sum = f => legs.reduce((a, j) => a + (f(j) ?? 0), 0)
        return {
          totalMs: sum(j => j.totalMs),
          mainMs: sum(j => j.mainMs),
          stepsMs: sum(j => j.stepsMs),
          postMs: sum(j => j.postMs),
          apiCalls: sum(j => j.service.apiCalls),
          blobRequests: sum(j => j.service.blobRequests),
          creates: sum(j => j.service.creates),
          bytesMoved: sum(j => j.service.bytesUploaded + j.service.bytesDownloaded),
          actionRequests: legs[0].action ? sum(j => j.action.requests) : null,
          networkWaitSec: legs[0].action ? sum(j => j.action.networkWaitSec) : null,
          peakRssMiB: legs[0].daemonPeakMiB
            ? Math.max(...legs.map(j => j.daemonPeakMiB.steps ?? 0))
            : null,
          testsCached: legs[0].tests ? sum(j => j.tests.cached) : null,
          testsRun: legs[0].tests ? sum(j => j.tests.ran) : null
        }
      })
      const m = {}
      for (const key of Object.keys(perRep[0])) {
        m[key] = perRep[0][key] === null ? null : median(perRep.map(r => r[key]))
      }
      m.samples = perRep.length
      out[scenario][id] = m
    }
    const warm = out[scenario].warm?.totalMs
    for (const m of Object.values(out[scenario])) m.ratio = warm ? m.totalMs / warm : null
  }
  return out
}

function targets(results) {
  const m = results.medians
  const t = []
  const sec = ms => `${(ms / 1000).toFixed(1)} s`
  const add = (name, met, figures) => t.push({ name, met, figures })
  if (m.a?.bundles && m.a?.warm) {
    const r = m.a.bundles.totalMs / m.a.warm.totalMs
    add(
      '(a) whole job ≤ 1.3× warm local',
      r <= 1.3,
      `${r.toFixed(2)}× (${sec(m.a.bundles.totalMs)} vs ${sec(m.a.warm.totalMs)})`
    )
  }
  if (m.a?.bundles && m.a?.cold) {
    const r = m.a.cold.totalMs / m.a.bundles.totalMs
    add(
      '(a) ≥ 2× faster than cold',
      r >= 2,
      `${r.toFixed(1)}× (${sec(m.a.bundles.totalMs)} vs ${sec(m.a.cold.totalMs)})`
    )
  }
  for (const s of ['b', 'c', 'd']) {
    if (!m[s]?.bundles || !m[s]?.tarball) continue
    const r = m[s].tarball.totalMs / m[s].bundles.totalMs
    const need = s === 'd' ? 1.5 : 1
    add(
      `(${s}) faster than the tarball strategy${s === 'd' ? ' by ≥ 1.5×' : ''}`,
      s === 'd' ? r >= need : r > need,
      `${r.toFixed(2)}× (${sec(m[s].bundles.totalMs)} vs ${sec(m[s].tarball.totalMs)})`
    )
  }
  const bundleJobs = results.jobs.filter(j => j.strategy === 'bundles' && j.action)
  if (bundleJobs.length) {
    const excess = bundleJobs.map(j => {
      const touched =
        j.action.bundlesDownloaded + j.action.bundlesUploaded + (j.action.indexUploaded ? 1 : 0)
      return j.action.requests - (1 + touched)
    })
    const worst = bundleJobs[excess.indexOf(Math.max(...excess))]
    add(
      'requests per job ≤ 1 + bundles touched (the saved index counted as one)',
      Math.max(...excess) <= 0,
      `worst job: ${worst.action.requests} requests for ${worst.action.bundlesDownloaded} downloaded + ` +
        `${worst.action.bundlesUploaded} uploaded bundles${worst.action.indexUploaded ? ' + index' : ''} (${worst.scenario})`
    )
  }
  const bJobs = bundleJobs.filter(j => j.scenario === 'b')
  if (bJobs.length) {
    const most = Math.max(...bJobs.map(j => j.service.creates))
    add(
      'uploads per job ≤ 5 in (b)',
      most <= 5,
      `at most ${most} entries created (bundles + index)`
    )
  }
  const rss = bundleJobs.map(j => j.daemonPeakMiB?.std).filter(x => typeof x === 'number')
  if (rss.length) {
    const peak = Math.max(...rss)
    const mb = (peak * 2 ** 20) / 1e6
    add(
      'daemon peak RSS ≤ 150 MB during the std build',
      mb <= 150,
      `${mb.toFixed(0)} MB (${peak} MiB) at most`
    )
  }
  return t
}

// ---------------------------------------------------------------------------------------------
// Rendering: the BENCHMARKS.md section and the chart.

export function renderJobs(results, chartPath = 'bench/results/chart.png') {
  const m = results.medians
  const sec = ms => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`)
  const mib = b => `${(b / 2 ** 20).toFixed(1)} MiB`
  const used = STRATEGIES.filter(s => results.scenarios.some(sc => m[sc]?.[s.id]))
  // Results of runs before the test counts existed render without them.
  const withTests = results.scenarios.some(sc => used.some(s => m[sc]?.[s.id]?.testsCached != null))
  const lines = []
  const n = results.network
  lines.push(
    '## Whole CI jobs: this action against the other ways to cache',
    '',
    `![Whole-job time per scenario](${chartPath})`,
    '',
    `Simulated CI jobs (\`src/runner-sim\`: the action's main step, the go steps, the post step, ` +
      'each on a fresh runner with an empty `GOCACHE` and a fresh clone of the workload, as ' +
      '`actions/checkout` gives a hosted runner) against the cache service emulator with the ' +
      `real \`@actions/cache\` client. Workload: ${results.workload.describe}. ` +
      `Network profile: ${n.apiLatencyMs} ms per cache API call, ${n.bandwidthMiB} MiB/s blob ` +
      'transfers (shared, each direction), the default 200 new entries a minute (flags ' +
      '`--latency-ms`, `--bandwidth-mib`). Measured on GitHub-hosted runners: 50 MB/s downloads ' +
      '([actions/cache#928](https://github.com/actions/cache/issues/928)), ~90 MB/s on a 1.7 GB ' +
      'entry ([actions/cache#267](https://github.com/actions/cache/issues/267)), 261 MB restored in 6 s ' +
      'including unpacking ([tespkg/actions-cache#43](https://github.com/tespkg/actions-cache/issues/43)).',
    '',
    `Command: \`${results.command}\`; ${results.reps} interleaved repetitions (strategy order ` +
      `rotated each rep); the whole run took ${Math.round(results.durationSec / 60)} min. ` +
      `Machine: ${results.machine}. Date: ${results.date}. ${loadText(results)}` +
      (results.runnerDir
        ? ` Runners, workspace and stores on \`${results.runnerDir}\` (tmpfs: this VM's journal-less ` +
          'ext4 is slow to create files right after many were deleted, as each job deletes the last).'
        : ''),
    '',
    'Strategies: **no cache** (cold `GOCACHE`); **warm local** (the runner still has the ' +
      "previous commit's `GOCACHE`, no plugin: the physical limit, no restore or save; its " +
      "checkout is fresh like every other job's); " +
      '**tarball** (`bench/tarball-step.mjs`: `GOCACHE` restored and saved as one archive ' +
      "keyed like setup-go's `setup-go-<os>-<arch>-go-<version>-<hash of go.sum>` with no " +
      'restore-keys, saved only when the key missed); **per-entry** (this action with ' +
      '`bundle-size: 1`: one cache entry per Go cache object); **this action** (defaults); ' +
      "**this action, store already on the runner** ((a) only: the seed's local store copied " +
      'onto the runner and no cache service, i.e. this action with nothing to restore; the new ' +
      'daemon hashes each file it did not write before serving it).',
    '',
    'Scenarios: (a) the commit the cache was saved at; (b) a leaf package changed ' +
      `(\`${results.workload.leaf}\`); (c) a package every package imports changed ` +
      `(\`${results.workload.base}\`); (d) ${D_COMMITS} commits later: commits 1–9 each ran CI ` +
      "on main (this action saves a new index each time; the tarball's key never changes, so " +
      "it keeps the first commit's archive), commit 10 changes the leaf; (e) a 4-leg matrix " +
      '(`shard: 1..4`, each leg runs its own quarter of the tests) whose previous run saved the ' +
      'cache, now with the leaf changed; the legs run one after another here, each on a fresh ' +
      "runner that sees none of the others' new saves (as when they run in parallel), and the " +
      'figure is the sum of the four jobs. Measured jobs run on a new branch each, reading ' +
      "main's cache (no job sees another measured job's saves).",
    '',
    `### Whole-job time (median) and ratio to warm local${withTests ? ', test packages (cached) / run' : ''}`,
    '',
    `| strategy | ${results.scenarios.map(s => SHORT[s]).join(' | ')} |`,
    `| --- |${results.scenarios.map(() => ' ---: |').join('')}`
  )
  for (const s of used) {
    const cells = results.scenarios.map(sc => {
      const x = m[sc]?.[s.id]
      if (!x) return '—'
      const tests = x.testsCached == null ? '' : `, tests ${x.testsCached} / ${x.testsRun}`
      return `${sec(x.totalMs)} (${x.ratio.toFixed(2)}×)${tests}`
    })
    lines.push(`| ${s.name} | ${cells.join(' | ')} |`)
  }
  lines.push(
    ...(withTests
      ? [
          '',
          '"tests *c* / *r*": of the `go test` steps\' test packages, *c* printed `ok … (cached)` and ' +
            '*r* ran their tests (medians; (e) sums its legs). Every job checks out a fresh clone, ' +
            'so every file has the time of that checkout, and Go keys the result of a test that reads ' +
            "files by each file's size and modification time: such tests run again in every job, " +
            "whatever restored `GOCACHE`, warm local included. This action's main step " +
            '(`stable-file-times`, on by default) first gives the tracked files times derived from ' +
            'their content, the same on every runner, so they stay `(cached)` when their files did ' +
            'not change (see the README, "Why tests stay (cached) on a fresh checkout"). Packages ' +
            'whose build changed run in every strategy.'
        ]
      : []),
    '',
    `"—": not run. No cache is run in (a) only (${results.coldReps} sample${results.coldReps > 1 ? 's' : ''}: ` +
      'a cold job builds everything whatever changed, and takes minutes here). Per-entry runs in ' +
      `${PER_ENTRY_SCENARIOS.map(s => `(${s})`).join(', ')} with ${results.perEntryReps} ` +
      `repetition${results.perEntryReps > 1 ? 's' : ''}: each of its jobs restores ~1,000 entries ` +
      'one by one (one `@actions/cache` call and tar process each), so ' +
      `${Object.keys(SCENARIOS)
        .filter(s => !PER_ENTRY_SCENARIOS.includes(s))
        .map(s => `(${s})`)
        .join(', ')} are left out ` +
      "to keep the run short; its cache was seeded by replaying the bundles seed's entries into a " +
      'per-entry daemon with the rate limit lifted for that seed only (a real first run uploads ' +
      `${results.seeds.perEntry?.replayed?.nonEmpty ?? '?'} entries at 200 a minute); its measured jobs keep the limit.`,
    '',
    '### Where the time goes (medians)',
    '',
    '| scenario | strategy | main | build steps | post | API calls | blob requests | entries created | bytes moved | action requests | gets waited on network | daemon peak RSS |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
  )
  for (const sc of results.scenarios) {
    for (const s of used) {
      const x = m[sc]?.[s.id]
      if (!x) continue
      const opt = (v, f) => (v === null || v === undefined || Number.isNaN(v) ? '—' : f(v))
      lines.push(
        `| ${SHORT[sc]} | ${s.name} | ${sec(x.mainMs)} | ${sec(x.stepsMs)} | ${sec(x.postMs)} | ` +
          `${x.apiCalls} | ${x.blobRequests} | ${x.creates} | ${mib(x.bytesMoved)} | ` +
          `${opt(x.actionRequests, v => v)} | ${opt(x.networkWaitSec, v => `${v.toFixed(1)} s`)} | ` +
          `${opt(x.peakRssMiB, v => `${v.toFixed(0)} MiB`)} |`
      )
    }
  }
  const seedB = results.seeds.bundles
  if (seedB) {
    lines.push(
      '',
      `First run of this action (the seed, cold, ${SHORT.a.slice(4)} state): ${sec(seedB.totalMs)} ` +
        `(main ${sec(seedB.mainMs)}, steps ${sec(seedB.stepsMs)}, post ${sec(seedB.postMs)}, ` +
        `${seedB.action.bundlesUploaded} bundles + index, ${mib(seedB.service.bytesUploaded)} uploaded); ` +
        `the tarball's first save: ${sec(results.seeds.tarball.postMs)} ` +
        `(${mib(results.seeds.tarball.service.bytesUploaded)}).`
    )
  }
  lines.push('', '### Targets', '', '| target | met | figures |', '| --- | --- | --- |')
  for (const t of results.targets)
    lines.push(`| ${t.name} | ${t.met ? 'yes' : '**no**'} | ${t.figures} |`)
  lines.push('', ...readingLines(results), '')
  return lines.join('\n')
}

function loadText(results) {
  const loads = results.jobs.map(j => j.loadavg).filter(x => typeof x === 'number')
  if (loads.length === 0) return ''
  return (
    `1-minute load average when each job started: ${Math.min(...loads).toFixed(1)}–` +
    `${Math.max(...loads).toFixed(1)} (median ${median(loads).toFixed(1)}) on ` +
    `${results.machine.split(' ')[0]} cores: other work shared the machine.`
  )
}

/** Where this action's time goes, from the figures of this run. */
function readingLines(results) {
  const m = results.medians
  const sec = ms => `${(ms / 1000).toFixed(1)} s`
  const out = ['### Where this action loses time (from this run)', '']
  const a = m.a
  if (a?.bundles && a?.warm && a?.['plugin-local']) {
    const local = a['plugin-local']
    const restoreJobs = results.jobs.filter(j => j.scenario === 'a' && j.strategy === 'bundles')
    const bundles = median(restoreJobs.map(j => j.action.bundlesDownloaded))
    out.push(
      `- (a): warm local runs the go steps in ${sec(a.warm.stepsMs)}. This action with its ` +
        `store already on the runner and no service needs ${sec(local.stepsMs)} for the same ` +
        `steps (+${sec(local.stepsMs - a.warm.stepsMs)}: a new daemon hashes every file it did not ` +
        `write before serving it, so the first go command's gets all go Go → \`connect\` bridge → ` +
        `daemon and back; later commands' bridges answer what the daemon verified themselves; each ` +
        `go command starts a bridge; ${sec(local.mainMs + local.postMs)} of main + post). ` +
        `Restoring from the service adds ${sec(a.bundles.stepsMs - local.stepsMs)} to the steps ` +
        `(${bundles} bundles, ${(a.bundles.bytesMoved / 2 ** 20).toFixed(0)} MiB moved, gets ` +
        `waited ${a.bundles.networkWaitSec.toFixed(1)} s summed over Go's parallel gets).`
    )
  }
  for (const s of ['a', 'b', 'c', 'd', 'e']) {
    const x = m[s]
    if (!x?.bundles || !x?.tarball) continue
    out.push(
      `- (${s}): tarball ${sec(x.tarball.mainMs)} restore + ${sec(x.tarball.stepsMs)} steps + ` +
        `${sec(x.tarball.postMs)} post; this action ${sec(x.bundles.mainMs)} main + ` +
        `${sec(x.bundles.stepsMs)} steps + ${sec(x.bundles.postMs)} post (warm local steps ` +
        `${sec(x.warm?.stepsMs ?? NaN)}).`
    )
  }
  const peak = results.jobs
    .filter(j => j.daemonPeakMiB?.std != null)
    .reduce((acc, j) => ((acc[j.strategy] ??= []).push(j.daemonPeakMiB.std), acc), {})
  const rss = Object.entries(peak).map(
    ([id, xs]) => `${STRATEGIES.find(s => s.id === id).short} ${Math.max(...xs).toFixed(0)} MiB`
  )
  if (rss.length)
    out.push(`- Daemon peak RSS after \`go build std\` (VmHWM, worst job): ${rss.join(', ')}.`)
  return out
}

export function jobsChart(results) {
  const m = results.medians
  const used = STRATEGIES.filter(s => results.scenarios.some(sc => m[sc]?.[s.id]))
  const groups = results.scenarios.map(sc => ({
    label: SHORT[sc],
    values: used.map(s => (m[sc]?.[s.id] ? m[sc][s.id].totalMs / 1000 : null))
  }))
  const others = groups.flatMap(g => g.values.filter((v, i) => v !== null && used[i].id !== 'cold'))
  return barChart({
    title: 'Whole CI job time, median (s)',
    subtitle: `${results.workload.name}; ${results.network.apiLatencyMs} ms per API call, ${results.network.bandwidthMiB} MiB/s; (e) = sum of 4 legs`,
    yLabel: 'seconds',
    groups,
    series: used.map(s => ({ name: s.short, color: s.color })),
    clipAt: Math.max(...others) * 1.15
  })
}

export function nodeVersion(bin) {
  return spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim()
}

function machine() {
  const cpus = os.cpus()
  const go = spawnSync('go', ['version'], { encoding: 'utf8' }).stdout.trim()
  return (
    `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `${os.type().toLowerCase()} ${os.release()}, the action on Node ${nodeVersion(actionNode)}, ${go}`
  )
}

// ---------------------------------------------------------------------------------------------
// Run alone: node bench/jobs.mjs [flags]

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      reps: { type: 'string' },
      quick: { type: 'boolean', default: false },
      scenarios: { type: 'string' },
      'latency-ms': { type: 'string', default: '40' },
      'bandwidth-mib': { type: 'string', default: '80' },
      workload: { type: 'string', default: 'std+fixture' },
      'per-entry-reps': { type: 'string', default: '1' },
      'cold-reps': { type: 'string', default: '1' },
      'runner-dir': { type: 'string' },
      'log-level': { type: 'string' },
      out: { type: 'string', default: path.join(root, 'bench/results') }
    }
  })
  const results = await jobsBench({
    reps: values.reps === undefined ? undefined : Number(values.reps),
    quick: values.quick,
    scenarios: values.scenarios?.split(','),
    latencyMs: Number(values['latency-ms']),
    bandwidthMiB: Number(values['bandwidth-mib']),
    workload: values.workload,
    perEntryReps: Number(values['per-entry-reps']),
    coldReps: Number(values['cold-reps']),
    runnerDir: values['runner-dir'],
    logLevel: values['log-level'],
    command: `node bench/jobs.mjs ${process.argv.slice(2).join(' ')}`.trim()
  })
  fs.mkdirSync(values.out, { recursive: true })
  fs.writeFileSync(path.join(values.out, 'latest.json'), JSON.stringify(results, null, 2) + '\n')
  fs.writeFileSync(path.join(values.out, 'chart.png'), jobsChart(results))
  console.log(renderJobs(results))
}
