// npm run bench: the plugin's overhead against Go's own cache, the daemon under load, the
// remote tier against the Actions cache service emulator (bench/remote.mjs), and whole CI
// jobs of this action against the other ways to cache (bench/jobs.mjs).
// Usage: node bench/run.mjs [--reps N] [--only plugin|remote|jobs] [--render]
//          remote: [--api-latency-ms 30] [--bandwidth 100MiB] [--sizes 4,8,16,32,64]
//          jobs: [--latency-ms 40] [--bandwidth-mib 80] [--quick] [--scenarios a,b,c,d,e]
//                [--workload std+fixture|fixture|MODULE@VERSION] [--per-entry-reps 1] [--cold-reps 1]
//          modules: [--module MODULE@VERSION] [--latency-ms 40] [--bandwidth-mib 80]
// --only runs one part; BENCHMARKS.md then shows the other parts' latest saved results.
// --render runs nothing and rewrites BENCHMARKS.md from the saved results.
import { spawn, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { bridgeCosts, loadTest } from './load.mjs'
import { jobsBench, jobsChart, renderJobs } from './jobs.mjs'
import { modulesBench, renderModules } from './modules.mjs'
import { remoteBench, renderRemote } from './remote.mjs'

const arg = name => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const only = arg('--only')
if (only !== undefined && !['plugin', 'remote', 'jobs', 'modules'].includes(only)) {
  throw new Error('--only takes plugin, remote, jobs or modules')
}
const renderOnly = process.argv.includes('--render')
const runs = part => !renderOnly && (only === undefined || only === part)
const reps = Number(arg('--reps')) || undefined
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'go-cache-bench-'))
// Run a private copy of dist/: other work in this checkout may rebuild dist/ meanwhile.
const dist = path.join(work, 'dist')
fs.cpSync(path.join(root, 'dist'), dist, { recursive: true })
const cli = path.join(dist, 'cli/index.js')
const fixture = path.join(root, '__tests__/fixtures/sample')
const store = path.join(work, 'store')
const socket = path.join(work, 'cache.sock')
const results = path.join(root, 'bench/results')
const q = w => `'${w}'`

const baseEnv = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', GOPROXY: 'off' }
const strategies = {
  'go (plain GOCACHE)': { ...baseEnv, GOCACHE: path.join(work, 'gocache-plain'), GOCACHEPROG: '' },
  'daemon + connect': {
    ...baseEnv,
    GOCACHE: path.join(work, 'gocache-daemon'),
    GOCACHEPROG: [process.execPath, cli, 'connect', '--socket', socket, '--dir', store]
      .map(q)
      .join(' ')
  },
  'prog (direct)': {
    ...baseEnv,
    GOCACHE: path.join(work, 'gocache-prog'),
    GOCACHEPROG: [process.execPath, cli, 'prog', '--dir', store].map(q).join(' ')
  }
}
const workloads = {
  'go build std': ['build', 'std'],
  'go test ./... (fixture)': ['test', './...']
}

function go(args, env) {
  const t0 = process.hrtime.bigint()
  const r = spawnSync('go', args, { cwd: fixture, env, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`go ${args.join(' ')} failed:\n${r.stderr}`)
  return Number(process.hrtime.bigint() - t0) / 1e6
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function pluginBench(reps = 7) {
  const daemon = spawn(process.execPath, [cli, 'serve', '--dir', store, '--socket', socket], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
  await new Promise((resolve, reject) => {
    let err = ''
    daemon.stderr.on('data', d => {
      err += d
      if (/^ready /m.test(err)) resolve()
    })
    daemon.on('exit', () => reject(new Error(`daemon exited: ${err}`)))
  })

  console.error('warming every strategy (cold builds, takes a minute or two)...')
  for (const env of Object.values(strategies))
    for (const args of Object.values(workloads)) go(args, env)

  // How many gets each workload makes, from the daemon's counters.
  const getsPer = {}
  for (const [workload, args] of Object.entries(workloads)) {
    const before = daemonStats().gets
    go(args, strategies['daemon + connect'])
    getsPer[workload] = daemonStats().gets - before
  }

  const times = {}
  for (let rep = 0; rep < reps; rep++) {
    for (const [workload, args] of Object.entries(workloads)) {
      for (const [name, env] of Object.entries(strategies)) {
        ;((times[workload] ??= {})[name] ??= []).push(go(args, env))
      }
    }
    console.error(`rep ${rep + 1}/${reps} done`)
  }

  console.error('load test...')
  const load = await loadTest(socket)
  const bridge = await bridgeCosts(cli, socket, store)
  const rss = readRss(daemon.pid)
  spawnSync(process.execPath, [cli, 'stop', '--socket', socket])

  return {
    date: new Date().toISOString(),
    machine: machine(),
    reps,
    times,
    getsPer,
    bridge,
    load,
    daemonRssMiB: rss
  }
}

async function main() {
  fs.mkdirSync(results, { recursive: true })
  const latest = name => {
    const file = path.join(results, `${name}-latest.json`)
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined
  }
  const save = (name, r) =>
    fs.writeFileSync(path.join(results, `${name}-latest.json`), JSON.stringify(r, null, 2) + '\n')
  let plugin = latest('plugin')
  let remote = latest('remote')
  // The whole-job results are bench/results/latest.json, with chart.png beside them.
  const jobsFile = path.join(results, 'latest.json')
  let jobs = fs.existsSync(jobsFile) ? JSON.parse(fs.readFileSync(jobsFile, 'utf8')) : undefined
  let modules = latest('modules')
  try {
    if (runs('plugin')) {
      plugin = await pluginBench(reps)
      save('plugin', plugin)
    }
    if (runs('remote')) {
      remote = {
        machine: machine(),
        ...(await remoteBench({
          dist,
          reps,
          apiLatencyMs: Number(arg('--api-latency-ms') ?? 30),
          bandwidth: arg('--bandwidth') ?? '100MiB',
          sizesMiB: arg('--sizes')?.split(',').map(Number)
        }))
      }
      save('remote', remote)
    }
    if (runs('jobs')) {
      jobs = await jobsBench({
        reps,
        quick: process.argv.includes('--quick'),
        scenarios: arg('--scenarios')?.split(','),
        latencyMs: Number(arg('--latency-ms') ?? 40),
        bandwidthMiB: Number(arg('--bandwidth-mib') ?? 80),
        workload: arg('--workload'),
        perEntryReps: arg('--per-entry-reps') === undefined ? 1 : Number(arg('--per-entry-reps')),
        coldReps: Number(arg('--cold-reps') ?? 1),
        command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim()
      })
      fs.writeFileSync(jobsFile, JSON.stringify(jobs, null, 2) + '\n')
      fs.writeFileSync(path.join(results, 'chart.png'), jobsChart(jobs))
    }
    if (runs('modules')) {
      modules = await modulesBench({
        module: arg('--module'),
        reps,
        latencyMs: Number(arg('--latency-ms') ?? 40),
        bandwidthMiB: Number(arg('--bandwidth-mib') ?? 80),
        command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim()
      })
      save('modules', modules)
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
  const text =
    render(plugin) +
    (remote ? '\n' + renderRemote(remote) : '') +
    (jobs ? '\n' + renderJobs(jobs) : '') +
    (modules ? '\n' + renderModules(modules) : '')
  fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), text)
  console.log(text)
}

function daemonStats() {
  return JSON.parse(spawnSync(process.execPath, [cli, 'stats', '--socket', socket]).stdout)
}

function readRss(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Math.round(Number(m[1]) / 1024) : undefined
  } catch {
    return undefined
  }
}

function machine() {
  const go = spawnSync('go', ['version'], { encoding: 'utf8' }).stdout.trim()
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, ${go}`
}

function render(r) {
  const plain = 'go (plain GOCACHE)'
  const lines = [
    '# Benchmarks',
    '',
    'Produced by `npm run bench` (`node bench/run.mjs --reps ' + r.reps + '`); raw figures in',
    '`bench/results/plugin-latest.json`. Absolute times are noisy on a shared 2-core machine;',
    'the ratios come from runs interleaved in one session (A B C A B C …).',
    '',
    `Machine: ${r.machine}. Date: ${r.date}.`,
    '',
    '## Plugin overhead on a fully warm, no-op build',
    '',
    'Median wall time of the whole `go` command over ' +
      r.reps +
      ' interleaved repetitions, and the',
    "ratio to Go's own disk cache (no GOCACHEPROG). Target: ≤ 1.15× through the daemon + bridge.",
    '',
    '| workload | strategy | median | ratio |',
    '| --- | --- | ---: | ---: |'
  ]
  for (const [workload, byStrategy] of Object.entries(r.times)) {
    const base = median(byStrategy[plain])
    for (const [name, xs] of Object.entries(byStrategy)) {
      lines.push(
        `| ${workload} | ${name} | ${median(xs).toFixed(0)} ms | ${(median(xs) / base).toFixed(2)}× |`
      )
    }
  }
  lines.push(
    '',
    '### Where the overhead comes from',
    '',
    'Go starts one `connect` bridge per command and then asks for entries one at a time per',
    "build worker (`-p` is the core count: 2 here), so each command pays the bridge's start-up",
    'plus roughly (gets ÷ workers) × the round trip of one get through the bridge.',
    '',
    `- bridge start-up (spawn to the KnownCommands line, median of 15): ${r.bridge.startupMs.toFixed(1)} ms`,
    `- one get at a time through the bridge (Go → bridge → daemon → bridge → Go): ${(r.bridge.roundTripMs * 1000).toFixed(0)} µs`,
    '',
    '| workload | gets | start-up + gets ÷ 2 × round trip | measured overhead (daemon − plain) |',
    '| --- | ---: | ---: | ---: |',
    ...Object.entries(r.getsPer).map(([workload, gets]) => {
      const predicted = r.bridge.startupMs + (gets / 2) * r.bridge.roundTripMs
      const measured =
        median(r.times[workload]['daemon + connect']) - median(r.times[workload][plain])
      return `| ${workload} | ${gets} | ${predicted.toFixed(0)} ms | ${measured.toFixed(0)} ms |`
    }),
    '',
    'Direct mode (`prog`) is slower still because each new process hashes every output file it',
    'serves before its first use (integrity check); the daemon does that once per job.'
  )
  const l = r.load
  lines.push(
    '',
    '## Daemon under a protocol load generator',
    '',
    '`bench/load.mjs` speaks the protocol straight to the daemon socket: puts of 1 KiB entries, then',
    'pipelined gets of them (all hits), then one get at a time. Latency is from writing a request to',
    'reading its answer, client included. Targets: p50 ≤ 0.2 ms for a hit, ≥ 20,000 hits/s.',
    '',
    '| phase | connections × in flight | requests | requests/s | p50 | p99 |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...[
      ['puts (1 KiB)', l.put],
      ['gets, pipelined', l.get],
      ['gets, one at a time', l.single]
    ].map(
      ([name, x]) =>
        `| ${name} | ${x.connections} × ${x.window} | ${x.requests} | ${x.perSecond} | ${x.p50ms.toFixed(3)} ms | ${x.p99ms.toFixed(3)} ms |`
    ),
    '',
    `Daemon peak RSS over the whole run: ${r.daemonRssMiB ?? '?'} MiB. Failed requests: ${l.put.errors + l.get.errors + l.single.errors}.`,
    ''
  )
  return lines.join('\n')
}

main().catch(err => {
  console.error(err)
  process.exit(1)
})
