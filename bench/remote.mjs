// The remote tier against the Actions cache service emulator on a realistic network: a fresh
// runner's warm build (job B) against the same build with a fully warm local GOCACHE (the
// limit) and against per-entry remote storage; a bundle-size sweep; and where job B's time goes.
//
// Every job is timed whole: daemon start, the go commands, `stop` (which flushes). Requests and
// bytes are the emulator's own counters, reset before each job.
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { control } from './load.mjs'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
let cli = path.join(root, 'dist/cli/index.js')
let emulatorCli = path.join(root, 'dist/emulator/index.js')
const fixture = path.join(root, '__tests__/fixtures/sample')
const MiB = 2 ** 20
const TICKS_PER_SEC = 100 // Linux USER_HZ, the unit of /proc/*/stat times

export const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const now = () => Number(process.hrtime.bigint()) / 1e6
const q = w => `'${w}'`
const { fetch } = globalThis

/**
 * Whether `key` is an index saved under this one-level scope. Matches the readable part of the
 * key (src/remote/index-key.ts) rather than recomputing its hashes.
 */
function isIndexOf(key, scope) {
  return (
    key.startsWith('go-cache-index-') &&
    key.includes(`-${scope.replace(/[^A-Za-z0-9._]+/g, '_').slice(0, 80)}-`)
  )
}

/** The default bundle size, read from the source so the bench follows the constant. */
export function defaultBundleMiB() {
  const text = fs.readFileSync(path.join(root, 'src/remote/remote-cache.ts'), 'utf8')
  const m = /DEFAULT_BUNDLE_BYTES = (\d+) \* 2 \*\* 20/.exec(text)
  return m ? Number(m[1]) : 32
}

export async function remoteBench({
  reps = 5,
  apiLatencyMs = 30,
  bandwidth = '100MiB',
  sizesMiB = [4, 8, 16, 32, 64],
  log = line => console.error(line),
  /** A copy of dist/ to run: others may rebuild the checkout's dist/ during a long bench. */
  dist = path.join(root, 'dist')
} = {}) {
  cli = path.join(dist, 'cli/index.js')
  emulatorCli = path.join(dist, 'emulator/index.js')
  const defaultMiB = defaultBundleMiB()
  if (!sizesMiB.includes(defaultMiB)) sizesMiB = [...sizesMiB, defaultMiB].sort((a, b) => a - b)
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'go-cache-bench-remote-'))
  // One module path for every job: without -trimpath the directory is part of the cache keys.
  const moduleDir = path.join(work, 'src')
  fs.cpSync(fixture, moduleDir, { recursive: true })
  const small = {
    build: ['build', '-v', '-o', path.join(work, 'sample.bin'), './cmd/sample'],
    test: ['test', './...']
  }
  const workloads = {
    small: { label: 'fixture: go build ./cmd/sample + go test ./...', steps: small },
    large: {
      label: 'fixture build + test, then go build std',
      steps: { ...small, std: ['build', '-v', 'std'] }
    }
  }
  const emulator = await startEmulator(work, { apiLatencyMs, bandwidth })
  const realistic = { apiLatencyMs, blobBandwidthBytesPerSec: emulator.bandwidthBytes }
  const ctx = { work, moduleDir, emulator }
  try {
    // The limit: plain go, no GOCACHEPROG, on a GOCACHE warmed by one cold run (timed too).
    const warmCache = path.join(work, 'gocache-warm')
    log('remote: cold plain go (warms the local GOCACHE)...')
    const coldPlain = await plainGo(ctx, workloads.large.steps, warmCache)

    // Job A once per strategy: cold builds that fill the service.
    const strategies = {
      'small/bundles': { workload: 'small', flags: [], scope: 'bench-small-bundles' },
      'small/per-entry': {
        workload: 'small',
        flags: ['--bundle-size', '1'],
        scope: 'bench-small-per-entry'
      },
      ...Object.fromEntries(
        sizesMiB.map(s => [
          `large/${s}MiB`,
          { workload: 'large', flags: ['--bundle-size', `${s}MiB`], scope: `bench-large-${s}MiB` }
        ])
      )
    }
    const jobA = {}
    for (const [name, s] of Object.entries(strategies)) {
      log(`remote: job A ${name} (cold build, uploads)...`)
      const keep = name === `large/${defaultMiB}MiB` || name === 'small/bundles'
      jobA[name] = await remoteJob(
        ctx,
        workloads[s.workload].steps,
        ['--actions-cache', '--scope', s.scope, ...s.flags],
        { keepStore: keep }
      )
      log(`  ${summarizeJob(jobA[name])}`)
    }

    // For the profile: the same bundles in a directory backend (no service, no tar).
    const remoteDir = path.join(work, 'remote-dir')
    const clientCosts = await measureClient(ctx, remoteDir, {
      bundleScope: strategies[`large/${defaultMiB}MiB`].scope,
      entryScope: strategies['small/per-entry'].scope
    })

    const remoteFlags = name => ['--actions-cache', '--scope', strategies[name].scope]
    const cases = {
      small: {
        'warm local (plain go)': () => plainGo(ctx, workloads.small.steps, warmCache),
        'daemon, warm local store': () =>
          localDaemonJob(ctx, workloads.small.steps, jobA['small/bundles'].storeDir),
        [`job B, bundles (${defaultMiB} MiB)`]: () =>
          remoteJob(ctx, workloads.small.steps, remoteFlags('small/bundles')),
        'job B, per-entry (1 entry per bundle)': () =>
          remoteJob(ctx, workloads.small.steps, remoteFlags('small/per-entry'))
      },
      large: {
        'warm local (plain go)': () => plainGo(ctx, workloads.large.steps, warmCache),
        'daemon, warm local store': () =>
          localDaemonJob(ctx, workloads.large.steps, jobA[`large/${defaultMiB}MiB`].storeDir),
        ...Object.fromEntries(
          sizesMiB.map(s => [
            `job B, bundles (${s} MiB)`,
            () => remoteJob(ctx, workloads.large.steps, remoteFlags(`large/${s}MiB`))
          ])
        ),
        [`job B, ${defaultMiB} MiB, emulator at 0 ms / unlimited`]: async () => {
          await emulator.configure({ apiLatencyMs: 0, blobBandwidthBytesPerSec: 0 })
          try {
            return await remoteJob(
              ctx,
              workloads.large.steps,
              remoteFlags(`large/${defaultMiB}MiB`)
            )
          } finally {
            await emulator.configure(realistic)
          }
        },
        [`job B, ${defaultMiB} MiB, go started once the bundles are in`]: () =>
          remoteJob(ctx, workloads.large.steps, remoteFlags(`large/${defaultMiB}MiB`), {
            goWhenSettled: true
          }),
        [`job B, ${defaultMiB} MiB, directory backend (no service, no tar)`]: () =>
          remoteJob(ctx, workloads.large.steps, [
            '--remote-dir',
            remoteDir,
            '--scope',
            strategies[`large/${defaultMiB}MiB`].scope
          ])
      }
    }
    const runs = {}
    for (let rep = 0; rep < reps; rep++) {
      for (const [workload, byCase] of Object.entries(cases)) {
        for (const [name, run] of Object.entries(byCase)) {
          ;((runs[workload] ??= {})[name] ??= []).push(await run())
        }
      }
      log(`remote: rep ${rep + 1}/${reps} done`)
    }
    return {
      date: new Date().toISOString(),
      reps,
      network: { apiLatencyMs, bandwidth, rateLimit: 'off' },
      defaultMiB,
      sizesMiB,
      workloads: Object.fromEntries(Object.entries(workloads).map(([k, w]) => [k, w.label])),
      coldPlain,
      jobA: Object.fromEntries(Object.entries(jobA).map(([k, { storeDir: _, ...v }]) => [k, v])),
      runs,
      clientCosts
    }
  } finally {
    await emulator.close()
    fs.rmSync(work, { recursive: true, force: true })
  }
}

function summarizeJob(j) {
  return (
    `${(j.wallMs / 1000).toFixed(1)} s (go ${(j.goMs / 1000).toFixed(1)} s, stop ${(j.stopMs / 1000).toFixed(1)} s), ` +
    `${j.service?.api ?? 0} API + ${j.service?.blob ?? 0} blob requests, ` +
    `${((j.service?.bytesUploaded ?? 0) / MiB).toFixed(1)} MiB up, ${((j.service?.bytesDownloaded ?? 0) / MiB).toFixed(1)} MiB down`
  )
}

// ---------------------------------------------------------------------------------------------
// Processes

function goEnv(gocache, gocacheprog) {
  return {
    ...process.env,
    GOCACHE: gocache,
    GOCACHEPROG: gocacheprog,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
    GOPROXY: 'off'
  }
}

function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, opts)
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', d => (stdout += d))
    child.stderr?.on('data', d => (stderr += d))
    child.on('error', reject)
    child.on('close', code => resolve({ code, stdout, stderr }))
  })
}

/** Runs the steps; returns wall ms, go's CPU (itself and its children) and what it compiled. */
async function goSteps(ctx, steps, env) {
  const cpu0 = selfChildrenCpuMs()
  const t0 = now()
  let compiled = 0
  let testsNotCached = 0
  for (const args of Object.values(steps)) {
    const r = await run('go', args, { cwd: ctx.moduleDir, env })
    if (r.code !== 0) throw new Error(`go ${args.join(' ')} failed:\n${r.stderr}`)
    if (args.includes('-v'))
      compiled += r.stderr.split('\n').filter(l => /^[\w./-]+$/.test(l)).length
    testsNotCached += r.stdout
      .split('\n')
      .filter(l => /^ok\s/.test(l) && !/\(cached\)$/.test(l)).length
  }
  return { goMs: now() - t0, goCpuMs: selfChildrenCpuMs() - cpu0, compiled, testsNotCached }
}

async function plainGo(ctx, steps, gocache) {
  const r = await goSteps(ctx, steps, goEnv(gocache, ''))
  return { wallMs: r.goMs, ...r }
}

/** CPU of this process's waited-for children (user + system), in ms. */
function selfChildrenCpuMs() {
  const f = procStat('self')
  return f ? f.childrenMs : 0
}

function procStat(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ')
    const ms = i => (Number(f[i]) * 1000) / TICKS_PER_SEC
    // Fields 14-17 of stat(5): utime, stime, cutime, cstime; f[0] is field 3.
    return { ownMs: ms(11) + ms(12), childrenMs: ms(13) + ms(14) }
  } catch {
    return undefined
  }
}

async function startDaemon(storeDir, socket, flags, env) {
  const t0 = now()
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--dir', storeDir, '--socket', socket, '--log-level', 'warn', ...flags],
    { stdio: ['ignore', 'ignore', 'pipe'], env }
  )
  let stderr = ''
  const exited = new Promise(resolve => child.on('exit', resolve))
  await new Promise((resolve, reject) => {
    child.stderr.on('data', d => {
      stderr = (stderr + d).slice(-20000)
      if (/^ready /m.test(stderr)) resolve()
    })
    exited.then(() => reject(new Error(`daemon exited: ${stderr}`)))
  })
  return { child, exited, readyMs: now() - t0, stderr: () => stderr }
}

/**
 * A job on a fresh runner: new GOCACHE and store, a new daemon with these flags, the steps,
 * then `stop`. While it runs, polls the daemon for when its index and all its bundles were in.
 */
async function remoteJob(ctx, steps, flags, { keepStore = false, goWhenSettled = false } = {}) {
  const local = fs.mkdtempSync(path.join(ctx.work, 'job-'))
  const socket = path.join(local, 'd.sock')
  const storeDir = path.join(local, 'store')
  await ctx.emulator.resetStats()
  const env = { ...process.env, ...ctx.emulator.env, GO_CACHE_LOG_LEVEL: 'warn' }
  const t0 = now()
  const daemon = await startDaemon(storeDir, socket, flags, env)
  const timeline = { readyMs: daemon.readyMs }
  let polling = true
  const poller = (async () => {
    while (polling) {
      try {
        const s = await control(socket, 'stats')
        const r = s.remote ?? {}
        if (r.indexKey && timeline.indexMs === undefined) timeline.indexMs = now() - t0
        if (
          r.bundlesInIndex > 0 &&
          r.bundlesDownloaded >= r.bundlesInIndex &&
          timeline.allBundlesMs === undefined
        ) {
          timeline.allBundlesMs = now() - t0
        }
      } catch {
        // stopping
      }
      await sleep(25)
    }
  })()
  try {
    if (goWhenSettled) {
      // As if the action started the daemon early in the job: go runs once every bundle is
      // downloaded and the daemon has gone quiet (unpacked), 2 × 100 ms without CPU.
      while (timeline.allBundlesMs === undefined) await sleep(25)
      let last = procStat(daemon.child.pid).ownMs
      for (let quiet = 0; quiet < 2;) {
        await sleep(100)
        const cpu = procStat(daemon.child.pid).ownMs
        quiet = cpu - last <= 10 ? quiet + 1 : 0
        last = cpu
      }
      timeline.settledMs = now() - t0
    }
    const go = await goSteps(
      ctx,
      steps,
      goEnv(path.join(local, 'gocache'), bridge(socket, storeDir))
    )
    const beforeStop = procStat(daemon.child.pid)
    const tStop = now()
    polling = false
    await poller
    const stats = await control(socket, 'stop')
    const stopMs = now() - tStop
    const cpuBeforeExit = procStat('self').childrenMs
    await daemon.exited
    const wallMs = now() - t0
    // The daemon, once reaped, adds all its CPU (and its tar/zstd children's) to ours.
    const daemonTotalCpuMs = procStat('self').childrenMs - cpuBeforeExit
    const service = await ctx.emulator.stats()
    return {
      wallMs,
      ...go,
      stopMs,
      timeline,
      daemonCpuMs: {
        total: daemonTotalCpuMs,
        // Own vs spawned (tar, zstd) as last seen; the stop's remaining work lands in total only.
        ownBeforeStop: beforeStop?.ownMs,
        childrenBeforeStop: beforeStop?.childrenMs
      },
      stats: { gets: stats.gets, hits: stats.hits, misses: stats.misses, puts: stats.puts },
      remote: stats.remote,
      service,
      ...(keepStore ? { storeDir } : {})
    }
  } finally {
    polling = false
    daemon.child.kill('SIGKILL')
    if (!keepStore) fs.rmSync(local, { recursive: true, force: true })
  }
}

/** The daemon without a remote tier on a store that already has everything. */
async function localDaemonJob(ctx, steps, storeDir) {
  const local = fs.mkdtempSync(path.join(ctx.work, 'job-'))
  const socket = path.join(local, 'd.sock')
  const t0 = now()
  const daemon = await startDaemon(storeDir, socket, [], process.env)
  try {
    const go = await goSteps(
      ctx,
      steps,
      goEnv(path.join(local, 'gocache'), bridge(socket, storeDir))
    )
    const beforeStop = procStat(daemon.child.pid)
    const tStop = now()
    const stats = await control(socket, 'stop')
    const stopMs = now() - tStop
    await daemon.exited
    return {
      wallMs: now() - t0,
      ...go,
      stopMs,
      timeline: { readyMs: daemon.readyMs },
      daemonCpuMs: { ownBeforeStop: beforeStop?.ownMs, childrenBeforeStop: beforeStop?.childrenMs },
      stats: { gets: stats.gets, misses: stats.misses }
    }
  } finally {
    daemon.child.kill('SIGKILL')
    fs.rmSync(local, { recursive: true, force: true })
  }
}

const bridge = (socket, storeDir) =>
  [process.execPath, cli, 'connect', '--socket', socket, '--dir', storeDir].map(q).join(' ')

// ---------------------------------------------------------------------------------------------
// The emulator, as its own process (as the service is to a runner)

async function startEmulator(work, { apiLatencyMs, bandwidth }) {
  const child = spawn(
    process.execPath,
    [
      emulatorCli,
      '--port',
      '0',
      '--data-dir',
      path.join(work, 'emulator'),
      '--api-latency-ms',
      String(apiLatencyMs),
      '--blob-bandwidth-bytes-per-sec',
      String(bandwidth),
      '--rate-limit-per-minute',
      '0'
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  )
  let text = ''
  const exited = new Promise(resolve => child.on('exit', resolve))
  await new Promise((resolve, reject) => {
    child.stderr.on('data', d => {
      text += d
      if (/^ACTIONS_RUNTIME_TOKEN=/m.test(text)) resolve()
    })
    exited.then(() => reject(new Error(`emulator exited: ${text}`)))
  })
  const url = /emulator listening (\S+)/.exec(text)[1]
  const env = Object.fromEntries(
    [...text.matchAll(/^(ACTIONS_\w+)=(\S+)$/gm)].map(m => [m[1], m[2]])
  )
  const call = async (method, p, body) => {
    const res = await fetch(url + p, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    if (!res.ok) throw new Error(`emulator ${method} ${p}: ${res.status}`)
    return res.json()
  }
  const knobs = await call('GET', '_emulator/config')
  return {
    url,
    env,
    bandwidthBytes: knobs.blobBandwidthBytesPerSec,
    resetStats: () => call('POST', '_emulator/reset-stats', {}),
    async stats() {
      const s = await call('GET', '_emulator/stats')
      const sum = o => Object.values(o).reduce((a, b) => a + b, 0)
      return {
        api: sum(s.api),
        blob: sum(s.blob),
        byMethod: { ...s.api, ...s.blob },
        bytesUploaded: s.bytesUploaded,
        bytesDownloaded: s.bytesDownloaded,
        entriesCreated: s.entriesCreated
      }
    },
    configure: patch => call('POST', '_emulator/config', patch),
    entries: () => call('GET', '_emulator/entries'),
    async close() {
      child.kill('SIGTERM')
      await exited
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What @actions/cache itself costs per call, beside the network

/**
 * Per call, in this process, through the real client against the emulator (realistic network):
 * restoreCache of a bundle vs the same download as one API call + one GET, and the tar + unzstd
 * extraction alone; saveCache of a bundle vs the tar + zstdmt archive alone. Also copies the
 * default-size scope's index and bundles into `remoteDir` for the directory-backend run.
 */
async function measureClient(ctx, remoteDir, { bundleScope, entryScope }) {
  const ws = fs.mkdtempSync(path.join(ctx.work, 'client-'))
  const saved = { cwd: process.cwd(), env: { ...process.env } }
  Object.assign(process.env, ctx.emulator.env, {
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: path.join(ws, '.tmp')
  })
  process.chdir(ws)
  const client = await import('@actions/cache')
  const quiet = async fn => {
    const write = process.stdout.write
    process.stdout.write = (_chunk, ...rest) => {
      rest.find(a => typeof a === 'function')?.()
      return true
    }
    try {
      return await fn()
    } finally {
      process.stdout.write = write
    }
  }
  const timed = async fn => {
    const t0 = now()
    const result = await fn()
    return { ms: now() - t0, result }
  }
  try {
    const entries = await ctx.emulator.entries()
    const versionOf = Object.fromEntries(entries.map(e => [e.key, e.version]))
    fs.mkdirSync(remoteDir, { recursive: true })

    // The index of the default-size scope, then its bundles: into the directory backend.
    const indexes = entries.filter(e => isIndexOf(e.key, bundleScope))
    const index = indexes.sort((a, b) => b.created - a.created)[0]
    const indexRestore = await timed(() =>
      quiet(() => client.restoreCache(['go-cache-index'], index.key))
    )
    if (indexRestore.result !== index.key) throw new Error('could not restore the bench index')
    fs.renameSync(path.join(ws, 'go-cache-index/data'), path.join(remoteDir, index.key))
    const bundleKeys = JSON.parse(
      fs.readFileSync(path.join(remoteDir, index.key), 'utf8')
    ).bundles.map(b => b.key)
    const entryKeys = []
    {
      const perEntry = entries.filter(e => isIndexOf(e.key, entryScope))
      const idx = perEntry.sort((a, b) => b.created - a.created)[0]
      await quiet(() => client.restoreCache(['go-cache-index'], idx.key))
      const keys = JSON.parse(fs.readFileSync(path.join(ws, 'go-cache-index/data'), 'utf8')).bundles
      fs.rmSync(path.join(ws, 'go-cache-index'), { recursive: true })
      // A spread of sizes: every nth entry.
      const step = Math.max(1, Math.floor(keys.length / 20))
      for (let i = 0; i < keys.length && entryKeys.length < 20; i += step)
        entryKeys.push(keys[i].key)
    }

    const measure = async (key, copyTo) => {
      const restore = await timed(() => quiet(() => client.restoreCache([key], key)))
      if (restore.result !== key) throw new Error(`could not restore ${key}`)
      const data = path.join(ws, key, 'data')
      const bytes = fs.statSync(data).size
      // The same download by hand: one API call for the URL, one GET to a file.
      const raw = await timed(async () => {
        const res = await fetch(
          `${ctx.emulator.url}twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL`,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${ctx.emulator.env.ACTIONS_RUNTIME_TOKEN}`
            },
            body: JSON.stringify({ key, restore_keys: [], version: versionOf[key] })
          }
        )
        const { signed_download_url: url } = await res.json()
        const blob = await fetch(url)
        fs.writeFileSync(path.join(ws, 'archive.tzst'), Buffer.from(await blob.arrayBuffer()))
      })
      const archiveBytes = fs.statSync(path.join(ws, 'archive.tzst')).size
      // The client's own process spawns: `zstd --version` (every call), then tar with unzstd.
      const out = fs.mkdtempSync(path.join(ws, 'x-'))
      const version = await timed(() => run('zstd', ['--quiet', '--version'], {}))
      const extract = await timed(() =>
        run(
          'tar',
          [
            '-xf',
            path.join(ws, 'archive.tzst'),
            '-P',
            '-C',
            out,
            '--use-compress-program',
            'unzstd'
          ],
          {}
        )
      )
      fs.rmSync(out, { recursive: true })
      // Save: the client on a fresh key, and tar + zstdmt alone on the same directory.
      const saveKey = `bench-save-${key.slice(-24)}-${Date.now()}`
      fs.mkdirSync(path.join(ws, saveKey))
      fs.renameSync(data, path.join(ws, saveKey, 'data'))
      const save = await timed(() => quiet(() => client.saveCache([saveKey], saveKey)))
      const create = await timed(() =>
        run(
          'tar',
          [
            '--posix',
            '-cf',
            path.join(ws, 'c.tzst'),
            '-P',
            '-C',
            ws,
            saveKey,
            '--use-compress-program',
            'zstdmt'
          ],
          {}
        )
      )
      if (copyTo) fs.renameSync(path.join(ws, saveKey, 'data'), copyTo)
      for (const p of [saveKey, key, 'archive.tzst', 'c.tzst']) {
        fs.rmSync(path.join(ws, p), { recursive: true, force: true })
      }
      return {
        bytes,
        archiveBytes,
        restoreMs: restore.ms,
        rawDownloadMs: raw.ms,
        zstdVersionMs: version.ms,
        tarExtractMs: extract.ms,
        saveMs: save.ms,
        tarCreateMs: create.ms
      }
    }
    const bundles = []
    for (const key of bundleKeys) bundles.push(await measure(key, path.join(remoteDir, key)))
    const perEntry = []
    for (const key of entryKeys) perEntry.push(await measure(key))
    return { bundles, perEntry, indexRestoreMs: indexRestore.ms }
  } finally {
    process.chdir(saved.cwd)
    for (const k of Object.keys(process.env)) if (!(k in saved.env)) delete process.env[k]
    Object.assign(process.env, saved.env)
  }
}

// ---------------------------------------------------------------------------------------------
// BENCHMARKS.md section

export function renderRemote(r) {
  const ms = x =>
    x === undefined || Number.isNaN(x)
      ? '–'
      : Math.abs(x) >= 10000
        ? `${(x / 1000).toFixed(1)} s`
        : `${x.toFixed(0)} ms`
  const mib = b => `${(b / MiB).toFixed(1)} MiB`
  const med = (xs, f) => median(xs.map(f).filter(v => v !== undefined))
  const def = r.defaultMiB
  const lines = [
    '## Remote tier: a fresh runner against the Actions cache service',
    '',
    `Produced by \`node bench/run.mjs --only remote --reps ${r.reps}\` (part of \`npm run bench\`; code in`,
    '`bench/remote.mjs`); raw figures in `bench/results/remote-latest.json`. The emulator',
    `(\`dist/emulator\`, its own process) answers each API call after ${r.network.apiLatencyMs} ms and serves blobs at`,
    `${r.network.bandwidth}/s (shared by all downloads, and by all uploads). Its rate limit is off, so the`,
    'per-entry figures are a lower bound (the real service allows 200 new entries a minute).',
    '',
    'Job A is a cold build that fills the cache, once per strategy. Each job B is a fresh runner:',
    'new GOCACHE and store, new daemon, timed from the daemon start through the build to `stop`',
    '(which flushes). Warm local is plain `go` (no GOCACHEPROG) with a GOCACHE that already holds',
    'everything: the limit. Requests and bytes are counted by the emulator per job (API = twirp',
    'calls, blob = HTTP requests to signed URLs; bytes as stored, i.e. zstd-compressed). Medians of',
    `${r.reps} interleaved repetitions; "compiled" is the most packages any repetition compiled.`,
    `Machine: ${r.machine ?? '?'}.`,
    ''
  ]
  for (const [workload, label] of Object.entries(r.workloads)) {
    const byCase = r.runs[workload]
    const base = median(byCase['warm local (plain go)'].map(x => x.wallMs))
    lines.push(
      `### ${workload === 'small' ? 'Small workload' : 'Large workload'}: ${label}`,
      '',
      '| strategy | wall | ratio | API requests | blob requests | downloaded | compiled |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: |'
    )
    for (const [name, xs] of Object.entries(byCase)) {
      const wall = median(xs.map(x => x.wallMs))
      const svc = xs[0].service
      lines.push(
        `| ${name} | ${ms(wall)} | ${(wall / base).toFixed(2)}× | ${svc ? med(xs, x => x.service.api) : '–'} | ${svc ? med(xs, x => x.service.blob) : '–'} | ${svc ? mib(med(xs, x => x.service.bytesDownloaded)) : '–'} | ${Math.max(...xs.map(x => x.compiled))} |`
      )
    }
    lines.push('')
  }
  lines.push(
    '### Job A: the cold build that fills the cache',
    '',
    `Once per strategy. Cold plain \`go\` (no plugin) on the large workload took ${ms(r.coldPlain.wallMs)}. Bundles are`,
    'uploaded while go runs; "after go" is the `stop` at the end: the last bundle, then the index.',
    '',
    '| job A | wall | go | after go | bundles | API requests | blob requests | uploaded | tar/zstd CPU |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
  )
  for (const [name, j] of Object.entries(r.jobA)) {
    lines.push(
      `| ${name} | ${ms(j.wallMs)} | ${ms(j.goMs)} | ${ms(j.stopMs)} | ${j.remote.bundlesUploaded} | ${j.service.api} | ${j.service.blob} | ${mib(j.service.bytesUploaded)} | ≥ ${ms(j.daemonCpuMs.childrenBeforeStop)} |`
    )
  }
  const baseL = median(r.runs.large['warm local (plain go)'].map(x => x.wallMs))
  const sweep = r.sizesMiB.map(s => {
    const b = r.runs.large[`job B, bundles (${s} MiB)`]
    return { s, a: r.jobA[`large/${s}MiB`], b, wall: median(b.map(x => x.wallMs)) }
  })
  const fastest = sweep.reduce((x, y) => (y.wall < x.wall ? y : x))
  lines.push(
    '',
    '### Bundle-size sweep (large workload)',
    '',
    'Job A with each size, then job B against it. "gets waited" is the sum over gets of the time',
    'spent waiting for a bundle (parallel gets add up).',
    '',
    '| bundle size | bundles | job A after go | job A requests (API + blob) | job B wall | job B ratio | all downloaded (from start) | gets waited | job B requests (API + blob) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...sweep.map(
      ({ s, a, b, wall }) =>
        `| ${s} MiB${s === def ? ' (default)' : ''} | ${a.remote.bundlesUploaded} | ${ms(a.stopMs)} | ${a.service.api + a.service.blob} | ${ms(wall)} | ${(wall / baseL).toFixed(2)}× | ${ms(med(b, x => x.timeline.allBundlesMs))} | ${ms(med(b, x => x.remote.networkWaitMs))} | ${med(b, x => x.service.api + x.service.blob)} |`
    ),
    '',
    `Default: ${def} MiB (\`DEFAULT_BUNDLE_BYTES\`, \`--bundle-size\`); fastest job B in this run: ${fastest.s} MiB.`,
    'What the size trades: each bundle is one entry creation (the real service allows 200 a minute per',
    'repository, shared by concurrent jobs) and one restore, each paying the API latency and the',
    "client's tar processes; at the default, 1 GiB of build outputs is " +
      Math.ceil(1024 / def) +
      ' bundles. Bigger bundles make a get wait',
    'longer for the bundle it needs, leave fewer downloads to run in parallel (3 at a time), and',
    'leave a bigger last bundle to upload after go ends.',
    '',
    ...renderProfile(r, ms),
    ''
  )
  return lines.join('\n')
}

function renderProfile(r, ms) {
  const def = r.defaultMiB
  const L = r.runs.large
  const names = {
    warm: 'warm local (plain go)',
    daemon: 'daemon, warm local store',
    jobB: `job B, bundles (${def} MiB)`,
    zero: `job B, ${def} MiB, emulator at 0 ms / unlimited`,
    settled: `job B, ${def} MiB, go started once the bundles are in`,
    dir: `job B, ${def} MiB, directory backend (no service, no tar)`
  }
  const m = (name, f) => median(L[name].map(f).filter(v => v !== undefined))
  const row = (label, name) =>
    `| ${label} | ${ms(m(name, x => x.wallMs))} | ${ms(m(name, x => x.timeline?.readyMs))} | ${ms(m(name, x => x.timeline?.indexMs))} | ${ms(m(name, x => x.timeline?.allBundlesMs))} | ${ms(m(name, x => x.goMs))} | ${ms(m(name, x => x.remote?.networkWaitMs))} | ${ms(m(name, x => x.goCpuMs))} | ${ms(m(name, x => x.daemonCpuMs?.ownBeforeStop))} | ${ms(m(name, x => x.daemonCpuMs?.childrenBeforeStop))} |`
  const c = r.clientCosts
  const avg = (xs, f) => xs.reduce((a, x) => a + f(x), 0) / xs.length
  const wall = name => m(name, x => x.wallMs)
  const warm = wall(names.warm)
  const daemonWarm = wall(names.daemon)
  const jobB = wall(names.jobB)
  const zero = wall(names.zero)
  const dir = wall(names.dir)
  const settledGo = m(names.settled, x => x.goMs)
  const settledAt = m(names.settled, x => x.timeline.settledMs)
  const pct = x => `${((100 * x) / jobB).toFixed(0)} %`
  const lines = [
    `### Where job B's time goes (large workload, ${def} MiB bundles)`,
    '',
    'Timeline from the daemon start (polled every 25 ms): `ready` printed, index restored, every',
    'bundle downloaded (each is unpacked right after); the go commands; "waits" as above. CPU: go',
    "and its compilers and linkers; the daemon's own (HTTP, checksums, unpacking, serving); its",
    "children (the client's `tar`, `unzstd`, `zstd --version`).",
    '',
    '| job | wall | ready | index in | all downloaded | go | waits | go CPU | daemon CPU | tar/zstd CPU |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('warm local (plain go)', names.warm),
    row('daemon, warm local store', names.daemon),
    row(`job B, ${r.network.apiLatencyMs} ms / ${r.network.bandwidth}/s`, names.jobB),
    row('job B, emulator at 0 ms / unlimited', names.zero),
    row('job B, go started once the bundles are in', names.settled),
    row('job B, directory backend', names.dir),
    '',
    `Job B − warm local = ${ms(jobB - warm)} of job B's ${ms(jobB)}, split by the runs that leave one thing out at a`,
    'time (differences of noisy medians):',
    '',
    `- the plugin with everything already local (daemon start, a \`connect\` bridge per go command,`,
    `  hashing each output on first use): daemon warm − warm local = ${ms(daemonWarm - warm)} (${pct(daemonWarm - warm)})`,
    `- bringing the bundles in without any service (copy, checksum, unpacking ${(m(names.jobB, x => x.remote.bytesDownloaded) / MiB).toFixed(0)} MiB into the`,
    `  store, on the same 2 cores as go): directory backend − daemon warm = ${ms(dir - daemonWarm)} (${pct(dir - daemonWarm)});`,
    `  the daemon's CPU goes from ${ms(m(names.daemon, x => x.daemonCpuMs.ownBeforeStop))} on a warm store to ${ms(m(names.dir, x => x.daemonCpuMs.ownBeforeStop))} here`,
    `- the service path (\`@actions/cache\`, its tar/unzstd processes, HTTP, ${r.network.apiLatencyMs} ms per call,`,
    `  ${r.network.bandwidth}/s): job B − directory backend = ${ms(jobB - dir)} (${pct(jobB - dir)}); with the emulator at 0 ms and`,
    `  unlimited bandwidth job B took ${ms(zero)}${Math.abs(jobB - zero) < 0.1 * jobB ? ": the network's own share is within the noise" : ''}.`,
    '',
    `Started early enough that every bundle is in before go runs (here ${ms(settledAt)} after the daemon`,
    `start), the go commands took ${ms(settledGo)}: ${(settledGo / warm).toFixed(2)}× warm local, against ${(m(names.daemon, x => x.goMs) / warm).toFixed(2)}× for the daemon on a`,
    'warm store. An action that starts the daemon at the top of the job hides the download and',
    'unpack behind the steps before the build; what remains is the plugin overhead itself.',
    '',
    `Per call through \`@actions/cache\` at ${r.network.apiLatencyMs} ms / ${r.network.bandwidth}/s, in the bench process (means):`,
    '',
    '| what | n | size | restoreCache | same download by hand (1 API + 1 GET) | `zstd --version` | tar + unzstd alone | saveCache | tar + zstdmt alone |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...[
      [`${def} MiB bundles`, c.bundles],
      ['one-entry bundles', c.perEntry]
    ].map(
      ([name, xs]) =>
        `| ${name} | ${xs.length} | ${(avg(xs, x => x.bytes) / MiB).toFixed(2)} MiB | ${ms(avg(xs, x => x.restoreMs))} | ${ms(avg(xs, x => x.rawDownloadMs))} | ${ms(avg(xs, x => x.zstdVersionMs))} | ${ms(avg(xs, x => x.tarExtractMs))} | ${ms(avg(xs, x => x.saveMs))} | ${ms(avg(xs, x => x.tarCreateMs))} |`
    )
  ]
  const bundlesB = m(names.jobB, x => x.remote.bundlesDownloaded)
  const extraPerBundle = avg(c.bundles, x => x.restoreMs - x.rawDownloadMs)
  const extraPerEntry = avg(c.perEntry, x => x.restoreMs - x.rawDownloadMs)
  const perEntryB = r.runs.small['job B, per-entry (1 entry per bundle)']
  const perEntryN = median(perEntryB.map(x => x.remote.bundlesDownloaded))
  const perEntryWall = median(perEntryB.map(x => x.wallMs))
  const tarCpu = m(names.jobB, x => x.daemonCpuMs.childrenBeforeStop)
  const client = (bundlesB * extraPerBundle) / 3
  lines.push(
    '',
    `**Is going around \`@actions/cache\` worth it?** Per download the client costs ${ms(extraPerBundle)} more than`,
    `one API call + one GET for a ${def} MiB bundle, and ${ms(extraPerEntry)} more for a one-entry bundle (\`zstd --version\`,`,
    `tar + unzstd, archive files). Job B downloads ${bundlesB} bundles, 3 at a time: ≈ ${ms(client)} of wall time if`,
    `none of it overlapped (${pct(client)} of job B); its tar/zstd processes used ${ms(tarCpu)} of CPU, against ${ms(m(names.jobB, x => x.daemonCpuMs.ownBeforeStop))}`,
    `for the daemon itself. ${client / jobB < 0.1 ? `Not worth it for bundles: a raw client would save under 10 % of job B${jobB - dir < Math.min(daemonWarm - warm, dir - daemonWarm) ? ', and the service path as a whole is the smallest of the three terms above' : ''}.` : 'A measurable share: worth a raw client once the larger terms above are smaller.'}`,
    `Per-entry storage is where the client shows (${perEntryN} downloads × ${ms(extraPerEntry)} ÷ 3 ≈ ${ms((perEntryN * extraPerEntry) / 3)} of`,
    `its ${ms(perEntryWall)}), but per-entry stays bound by requests and the rate limit with any client; bundling`,
    'removes the need. Uploads: saveCache of a bundle costs its tar + zstdmt run plus three',
    `requests, mostly while go is still building; job A's after-go tail was ${ms(r.jobA[`large/${def}MiB`].stopMs)} at ${def} MiB.`
  )
  return lines
}

// Standalone: node bench/remote.mjs [--reps N] → JSON on stdout.
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name)
    return i >= 0 ? process.argv[i + 1] : fallback
  }
  remoteBench({
    dist: arg('--dist', undefined),
    reps: Number(arg('--reps', 3)),
    sizesMiB: arg('--sizes', '4,8,16,32,64').split(',').map(Number)
  }).then(
    r => console.log(JSON.stringify(r, null, 2)),
    err => {
      console.error(err)
      process.exit(1)
    }
  )
}
