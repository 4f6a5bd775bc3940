// The cache over weeks (issue 15): months of CI in minutes. Go's cache traffic is synthesized
// (a layered module of packages whose ActionIDs ripple to importers, as in Go), but everything
// from the socket down is real: one daemon process per job (dist/cli/index.js serve), its
// bundles and index, the real @actions/cache client, and the emulator's API, scopes, rate
// limit and eviction (7 days unused; least recently used past a repository cap).
//   node bench/history.mjs [--runs 100] [--legs 4] [--prs-every 5] [--seed 1] [--smoke]
//     [--matrix-legs 20] [--rerun-every 25] [--cap-factor 1.75] [--no-cleanup] [--json out] [--quiet]
//     [--dist-rev REV]   run the dist/ committed at REV instead of a copy of the current one
// Writes bench/results/history-latest.json (unless --smoke or --json points elsewhere);
// bench/run.mjs --only history runs it and renders its BENCHMARKS.md section.
import { spawn } from 'node:child_process'
import { createCipheriv, createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { clearTimeout, setTimeout } from 'node:timers'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { actionNode, extractCommitted, nodeVersion } from './jobs.mjs'
import { connect, control } from './load.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const HOUR = 3600_000
const MiB = 2 ** 20
const KiB = 1024
export const SELECTED_RUNS = [1, 2, 10, 25, 50, 75, 100]
/** go.sum bumps at runs 13, 33, 53…: never one of the selected runs the targets compare. */
const GO_SUM_BUMP_AT = 13
const BUNDLE_BYTES = 32 * MiB

// ---------------------------------------------------------------- the synthetic module

/** mulberry32: a small seeded generator, so a seed gives the same history every time. */
function rng(seed) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: xs => xs[Math.floor(next() * xs.length)],
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
  }
}

const sha = (...parts) => createHash('sha256').update(parts.join('\0')).digest()

/**
 * Packages in dependency order (every dep has a lower index): `std` ones that never change,
 * then the module's own in layers, each importing a few from the layers below and some std.
 */
export function makeModule(seed, shape) {
  const r = rng(seed * 7919 + 17)
  const pkgs = []
  const logNormal = () => {
    const size = shape.medianBytes * Math.exp(shape.sigma * r.normal())
    return Math.round(Math.min(shape.maxBytes, Math.max(64, size)))
  }
  const stdLayers = 5
  const stdPer = Math.ceil(shape.std / stdLayers)
  for (let i = 0; i < shape.std; i++) {
    const layer = Math.floor(i / stdPer)
    const below = pkgs.filter(p => p.layer < layer)
    const deps = layer === 0 ? [] : uniq(Array.from({ length: r.int(1, 3) }, () => r.pick(below).i))
    pkgs.push({ i, name: `std/p${i}`, std: true, layer, deps, size: logNormal(), version: 0 })
  }
  const stdCount = pkgs.length
  const per = Math.ceil(shape.pkgs / shape.layers)
  for (let j = 0; j < shape.pkgs; j++) {
    const layer = Math.floor(j / per)
    const i = pkgs.length
    const own = pkgs.filter(p => !p.std && p.layer < layer && p.layer >= layer - 3)
    const deps = [
      ...Array.from({ length: r.int(1, 3) }, () => r.int(0, stdCount - 1)),
      ...(own.length ? Array.from({ length: r.int(1, 4) }, () => r.pick(own).i) : [])
    ]
    pkgs.push({
      i,
      name: `example.com/mod/l${layer}/p${j}`,
      std: false,
      layer,
      deps: uniq(deps),
      size: logNormal(),
      vetSize: r.next() < 0.5 ? 0 : r.int(200, 4 * KiB),
      testSize: r.int(150, 2 * KiB),
      version: 0
    })
  }
  // Who changes: a skewed ("hot") ranking of the upper half's packages, plus a few anywhere.
  const own = pkgs.filter(p => !p.std)
  const upper = own.filter(p => p.layer >= shape.layers / 2)
  const hot = shuffle(r, upper)
  return { pkgs, hot, deepest: own.filter(p => p.layer === 0), own }
}

function uniq(xs) {
  return [...new Set(xs)].sort((a, b) => a - b)
}

function shuffle(r, xs) {
  const out = [...xs]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/** One commit's changes: 1–5 packages, hot ones (Zipf-like) most often, some anywhere. */
function changeSome(r, mod, versions, count) {
  const changed = []
  for (let k = 0; k < count; k++) {
    let p
    if (r.next() < 0.8) {
      // rank ~ Zipf(1): the first few hot packages take most of the changes
      const u = r.next()
      const rank = Math.min(
        mod.hot.length - 1,
        Math.floor(Math.exp(u * Math.log(mod.hot.length + 1)) - 1)
      )
      p = mod.hot[rank]
    } else {
      p = r.pick(mod.own)
    }
    versions[p.i]++
    changed.push(p.name)
  }
  return changed
}

/**
 * The cache entries a job of one leg needs at one state of the versions, in build order.
 * Per package: the compile output (its ActionID hashes the leg, the name, the version and
 * the deps' ActionIDs, so a change ripples up to every importer), an empty companion entry (a
 * third of Go's entries are empty), and for the module's own packages a vet and a test entry
 * whose keys depend on the compile key.
 */
export function entriesFor(mod, versions, leg) {
  const ids = []
  const build = []
  const check = []
  for (const p of mod.pkgs) {
    const depIds = p.deps.map(d => ids[d].toString('hex')).join(',')
    const id = sha('compile', leg, p.name, versions[p.i], depIds)
    ids.push(id)
    build.push({ action: id, size: p.size, pkg: p.i })
    build.push({ action: sha('files', id.toString('hex')), size: 0, pkg: p.i })
    if (!p.std) {
      check.push({ action: sha('vet', id.toString('hex')), size: p.vetSize, pkg: p.i })
      check.push({ action: sha('test', id.toString('hex')), size: p.testSize, pkg: p.i })
    }
  }
  return { build, check }
}

/** An output's bytes: pseudo-random from its ActionID (AES-CTR: fast and deterministic). */
function body(entry) {
  if (entry.size === 0) return Buffer.alloc(0)
  const key = entry.action.subarray(0, 16)
  const iv = entry.action.subarray(16, 32)
  return createCipheriv('aes-128-ctr', key, iv).update(Buffer.alloc(entry.size))
}

const workingBytes = ({ build, check }) => [...build, ...check].reduce((sum, e) => sum + e.size, 0)

// ---------------------------------------------------------------- talking to a daemon

/** A go command: `lanes` requests in flight; a get that misses is followed by the put. */
async function goCommand(socket, entries, lanes, tally) {
  const conn = await connect(socket)
  let next = 0
  const lane = async () => {
    while (next < entries.length) {
      const entry = entries[next++]
      const action = entry.action.toString('base64')
      tally.gets++
      if (tally.known.some(keys => keys.has(action))) tally.attainable++
      const got = await conn.request({ Command: 'get', ActionID: action })
      if (got.Err) tally.errors++
      if (!got.Miss && !got.Err && got.DiskPath) {
        const outputId = sha256(body(entry)).toString('base64')
        if ((got.Size ?? 0) !== entry.size || got.OutputID !== outputId) tally.wrong++
        tally.hits++
        tally.hitBytes += entry.size
        tally.hitEntries.push(entry)
        continue
      }
      const data = body(entry)
      const put = await conn.request(
        {
          Command: 'put',
          ActionID: action,
          OutputID: sha256(data).toString('base64'),
          ...(data.length ? { BodySize: data.length } : {})
        },
        data
      )
      if (put.Err) tally.errors++
      tally.puts++
      tally.putBytes += entry.size
      tally.putEntries.push(entry)
    }
  }
  await Promise.all(Array.from({ length: lanes }, lane))
  await conn.close()
}

const sha256 = data => createHash('sha256').update(data).digest()

// ---------------------------------------------------------------- the simulation

function copyDist(work, rev) {
  const dist = path.join(work, 'dist')
  if (rev) {
    // A committed dist/ (e.g. the one before a change, for a before/after pair).
    extractCommitted(rev, ['dist'], work)
    return dist
  }
  for (let attempt = 0; ; attempt++) {
    try {
      if (!fs.existsSync(path.join(root, 'dist/cli/index.js'))) throw new Error('dist/ missing')
      fs.cpSync(path.join(root, 'dist'), dist, { recursive: true })
      if (!fs.existsSync(path.join(dist, 'runner-sim/index.js'))) throw new Error('copy partial')
      return dist
    } catch (err) {
      // Someone is packaging: dist/ comes back within a minute or so.
      if (attempt >= 5) throw err
      fs.rmSync(dist, { recursive: true, force: true })
      const until = Date.now() + 30_000
      while (Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000)
    }
  }
}

const SHAPES = {
  full: { std: 150, pkgs: 300, layers: 10, medianBytes: 30 * KiB, sigma: 1.1, maxBytes: MiB },
  smoke: { std: 30, pkgs: 60, layers: 6, medianBytes: 2 * KiB, sigma: 1, maxBytes: 64 * KiB }
}
const PLATFORMS = [
  'linux-amd64-go1.25',
  'linux-amd64-go1.24',
  'darwin-arm64-go1.25',
  'windows-amd64-go1.25'
]

export async function historyBench(options = {}) {
  const smoke = options.smoke ?? false
  const o = {
    runs: options.runs ?? (smoke ? 10 : 100),
    legs: options.legs ?? (smoke ? 2 : 4),
    prsEvery: options.prsEvery ?? 5,
    prLegs: 2,
    seed: options.seed ?? 1,
    matrixLegs: options.matrixLegs ?? (smoke ? 4 : 20),
    rerunEvery: options.rerunEvery ?? (smoke ? 4 : 25),
    cleanup: options.cleanup ?? true,
    distRev: options.distRev ?? null,
    // The smoke test asserts what must hold whatever the policy: no cap pressure there.
    capFactor: options.capFactor ?? (smoke ? 4 : 1.75),
    shape: SHAPES[smoke ? 'smoke' : 'full']
  }
  const say = options.quiet ? () => {} : line => process.stderr.write(line + '\n')
  const emit = options.onRow ?? (() => {})
  const started = Date.now()
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'go-cache-history-'))
  const dist = copyDist(work, options.distRev)
  const cli = path.join(dist, 'cli/index.js')
  const { startEmulator } = await import(pathToFileURL(path.join(dist, 'runner-sim/index.js')).href)

  const mod = makeModule(o.seed, o.shape)
  const r = rng(o.seed)
  const mainVersions = mod.pkgs.map(() => 0)
  const legs = Array.from({ length: o.legs }, (_, k) => ({
    name: PLATFORMS[k % PLATFORMS.length] + (k >= PLATFORMS.length ? `-v${k}` : ''),
    platform: PLATFORMS[k % PLATFORMS.length]
  }))
  const liveOf = (versions, legList) =>
    legList.reduce((sum, leg) => sum + workingBytes(entriesFor(mod, versions, leg.name)), 0)
  const liveStart = liveOf(mainVersions, legs)
  const cap = Math.round(liveStart * o.capFactor)

  const emulator = await startEmulator({ repoSizeLimitBytes: cap })
  const features = {
    clock: typeof emulator.advanceClock === 'function',
    cleanup: typeof emulator.apiToken === 'function' && Boolean(emulator.apiUrl),
    remoteHitBytes: null,
    bundlesUsed: null
  }
  // Without a simulated clock hundreds of runs happen within minutes of real time, which the
  // service would never see: the creation limit would then measure the simulation, not CI.
  if (!features.clock) emulator.configure({ rateLimitPerMinute: 0 })
  const simNow = () => (features.clock ? emulator.now() : started + simOffset)
  let simOffset = 0
  const advance = ms => {
    if (features.clock) emulator.advanceClock(ms)
    else simOffset += ms
  }
  const clockOffset = () =>
    features.clock ? (emulator.knobs().clockOffsetMs ?? emulator.now() - Date.now()) : 0

  /** Which bundle (estimated: the job that put an entry, split at the bundle size) holds what. */
  const producers = new Map()
  let jobCounter = 0
  /**
   * Keys each (ref, leg) has put or got so far: a get of one of them, from a ref that can
   * read it, is a hit a perfect cache would give. Hits ÷ these is what history can erode;
   * the raw hit rate also moves with how much each commit changed.
   */
  const seen = new Map()
  const seenBy = (ref, leg) => {
    if (!seen.has(`${ref}|${leg}`)) seen.set(`${ref}|${leg}`, new Set())
    return seen.get(`${ref}|${leg}`)
  }
  let maxStored = 0
  let inMatrix = false
  let overCap = 0
  const rows = []

  const storedNow = () => {
    const entries = emulator.entries()
    const bytes = entries.reduce((s, e) => s + e.size, 0)
    const indexes = entries.filter(e => e.key.startsWith('go-cache-index-'))
    const stored = {
      entries: entries.length,
      bytes,
      bundles: entries.filter(e => e.key.startsWith('go-cache-bundle-')).length,
      indexes: indexes.length,
      largestIndex: Math.max(0, ...indexes.map(e => e.size))
    }
    if (!inMatrix) maxStored = Math.max(maxStored, bytes)
    if (cap > 0 && bytes > emulator.knobs().repoSizeLimitBytes) overCap++
    return { stored, entries }
  }

  async function job({ kind, run, leg, ref, baseRef, versions, scope }) {
    const id = ++jobCounter
    const dir = path.join(work, `j${id}`)
    fs.mkdirSync(dir)
    const socket = path.join(dir, 's.sock')
    const env = { ...process.env }
    for (const k of Object.keys(env)) {
      if (/^(ACTIONS_|GITHUB_|RUNNER_|GO_CACHE_)/.test(k)) delete env[k]
    }
    Object.assign(env, emulator.env({ ref, baseRef }), { RUNNER_TEMP: path.join(dir, 'tmp') })
    if (features.clock) env.GO_CACHE_CLOCK_OFFSET_MS = String(clockOffset())
    if (o.cleanup && features.cleanup) {
      Object.assign(env, {
        GO_CACHE_CLEANUP_TOKEN: emulator.apiToken({ actions: 'write' }),
        GITHUB_API_URL: emulator.apiUrl,
        GITHUB_REPOSITORY: 'owner/repo',
        GITHUB_REF: ref
      })
    }
    const args = [cli, 'serve', '--dir', path.join(dir, 'store'), '--socket', socket]
    args.push('--actions-cache', '--index-tag', ref.replace(/^refs\/(heads\/)?/, ''))
    for (const level of [leg.platform, 'job test', leg.name]) args.push('--scope', level)
    const t0 = Date.now()
    const daemon = spawn(actionNode, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let log = ''
    const exited = new Promise(resolve => daemon.on('exit', code => resolve(code)))
    await new Promise((resolve, reject) => {
      daemon.stderr.setEncoding('utf8')
      daemon.stderr.on('data', d => {
        log += d
        if (/^ready /m.test(log)) resolve()
      })
      exited.then(code => reject(new Error(`daemon exited (${code}) before ready:\n${log}`)))
    })
    const { build, check } = entriesFor(mod, versions, leg.name)
    const readable = [ref, baseRef, 'refs/heads/main'].filter(Boolean)
    const tally = {
      known: [...new Set(readable)].map(r => seenBy(r, leg.name)),
      attainable: 0,
      gets: 0,
      hits: 0,
      hitBytes: 0,
      puts: 0,
      putBytes: 0,
      errors: 0,
      wrong: 0,
      hitEntries: [],
      putEntries: []
    }
    let final
    let failure
    try {
      // go build, then go vet and go test: a command (connection) each, as go runs them.
      await goCommand(socket, build, 8, tally)
      await goCommand(socket, check, 8, tally)
      final = await control(socket, 'stop')
    } catch (err) {
      failure = err.message
      daemon.kill()
    }
    const timer = setTimeout(() => daemon.kill('SIGKILL'), 30_000)
    await exited
    clearTimeout(timer)
    const seconds = (Date.now() - t0) / 1000
    if (!failure) {
      const keys = seenBy(ref, leg.name)
      for (const e of [...build, ...check]) keys.add(e.action.toString('base64'))
    }

    // Estimated bundles: entries this job put, in order, split at the bundle size.
    const own = producers.get(scope) ?? new Map()
    producers.set(scope, own)
    const base = producers.get(`main|${leg.name}`) ?? new Map()
    const used = new Set()
    for (const e of tally.hitEntries) {
      if (e.size === 0) continue
      const hex = e.action.toString('hex')
      const b = own.get(hex) ?? base.get(hex)
      if (b) used.add(b)
    }
    let cum = 0
    for (const e of tally.putEntries) {
      if (e.size === 0) continue
      own.set(e.action.toString('hex'), `${id}:${Math.floor(cum / BUNDLE_BYTES)}`)
      cum += e.size
    }

    const remote = final?.remote ?? {}
    if ('remoteHitBytes' in remote) features.remoteHitBytes = true
    else features.remoteHitBytes ??= false
    if ('bundlesUsed' in remote) features.bundlesUsed = true
    else features.bundlesUsed ??= false
    const usedBytes = remote.remoteHitBytes ?? tally.hitBytes
    const bundlesUsed = remote.bundlesUsed ?? used.size
    const lines = log.split('\n')
    const givenUp = lines.filter(l =>
      /bundle \S+ (is no longer in the cache|rejected)/.test(l)
    ).length
    const warnings = lines.filter(l => /^go-cache: (warn|error): /.test(l))
    const { stored, entries } = storedNow()
    const indexEntry = remote.indexKey && entries.find(e => e.key === remote.indexKey)
    const uploads = (remote.bundlesUploaded ?? 0) + (remote.indexUploaded ? 1 : 0)
    const row = {
      job: id,
      kind,
      run,
      ref,
      leg: leg.name,
      simHours: Math.round(((simNow() - started) / HOUR) * 10) / 10,
      seconds,
      failed:
        failure ??
        (tally.errors || tally.wrong ? `${tally.errors} errors, ${tally.wrong} wrong` : null),
      gets: tally.gets,
      hits: tally.hits,
      hitRate: tally.gets ? tally.hits / tally.gets : null,
      attainable: tally.attainable,
      puts: tally.puts,
      putBytes: tally.putBytes,
      usedBytes,
      bytesDownloaded: remote.bytesDownloaded ?? 0,
      downloadRatio: usedBytes > 0 ? (remote.bytesDownloaded ?? 0) / usedBytes : null,
      requests: remote.requests ?? 0,
      downloadRequests: (remote.requests ?? 0) - uploads,
      bundlesUsed,
      bundlesInIndex: remote.bundlesInIndex ?? 0,
      bundlesDownloaded: remote.bundlesDownloaded ?? 0,
      bundlesUploaded: remote.bundlesUploaded ?? 0,
      indexKey: remote.indexKey ?? null,
      indexState: remote.indexState ?? null,
      // The daemon's figure (the index's JSON) when it reports one: a job with clean-up on
      // deletes the index it restored once its own is saved, so the service no longer lists it.
      indexBytes: remote.indexBytesRestored || (indexEntry ? indexEntry.size : null),
      failedRequests: remote.failedRequests ?? 0,
      givenUp,
      warnings: warnings.length,
      firstWarning: warnings[0]?.slice(0, 300) ?? null,
      rateLimited: remote.rateLimited ?? 0,
      stored
    }
    fs.rmSync(dir, { recursive: true, force: true })
    rows.push(row)
    emit(row)
    return row
  }

  const legsRun = (kind, run, legList, ref, baseRef, versions, scopeOf) =>
    Promise.all(
      legList.map(leg => job({ kind, run, leg, ref, baseRef, versions, scope: scopeOf(leg) }))
    )

  const runs = []
  const summarize = (kind, run, jobRows, extra = {}) => {
    const sum = k => jobRows.reduce((s, x) => s + (x[k] ?? 0), 0)
    const e = emulator.stats()
    const { stored } = storedNow()
    const rec = {
      kind,
      run,
      jobs: jobRows.length,
      simDays: Math.round((jobRows[0].simHours / 24) * 10) / 10,
      requests: sum('requests'),
      downloadRequests: sum('downloadRequests'),
      bundlesUsed: sum('bundlesUsed'),
      bytesDownloaded: sum('bytesDownloaded'),
      usedBytes: sum('usedBytes'),
      downloadRatio: sum('usedBytes') > 0 ? sum('bytesDownloaded') / sum('usedBytes') : null,
      bundlesInIndex: Math.max(...jobRows.map(x => x.bundlesInIndex)),
      indexBytes: Math.max(0, ...jobRows.map(x => x.indexBytes ?? 0)),
      hitRate: sum('hits') / sum('gets'),
      attainable: sum('attainable'),
      hitShare: sum('attainable') > 0 ? sum('hits') / sum('attainable') : null,
      gets: sum('gets'),
      puts: sum('puts'),
      givenUp: sum('givenUp'),
      failedRequests: sum('failedRequests'),
      warnings: sum('warnings'),
      failed: jobRows.filter(x => x.failed).length,
      stored,
      live: liveOf(mainVersions, legs),
      emulator: {
        rateLimited: e.rateLimited,
        entriesCreated: e.entriesCreated,
        entriesEvicted: e.entriesEvicted
      },
      ...extra
    }
    runs.push(rec)
    emit({ summary: rec })
    return rec
  }

  say(
    `history: ${mod.pkgs.length} packages, live working set ${mb(liveStart)} over ${o.legs} legs, cap ${mb(cap)}; ` +
      `clock ${features.clock ? 'simulated' : 'absent (no eviction by age)'}; clean-up ${o.cleanup && features.cleanup ? 'on' : 'off'}`
  )
  let prNumber = 0
  try {
    for (let run = 1; run <= o.runs; run++) {
      if (run > 1) advance((2 + 2 * r.next()) * HOUR)
      let changed
      if (run % 20 === GO_SUM_BUMP_AT) {
        // a go.sum bump: a deep dependency changes, and with it most of the module's keys
        const p = r.pick(mod.deepest)
        mainVersions[p.i]++
        changed = [`${p.name} (go.sum bump)`]
      } else if (run > 1) {
        changed = changeSome(r, mod, mainVersions, r.int(1, 5))
      } else changed = []
      const versions = [...mainVersions]
      const jobRows = await legsRun(
        'main',
        run,
        legs,
        'refs/heads/main',
        undefined,
        versions,
        l => `main|${l.name}`
      )
      const rec = summarize('main', run, jobRows, { changed })
      say(runLine(rec))
      if (o.rerunEvery > 0 && (run % o.rerunEvery === 0 || run === o.runs)) {
        advance(0.5 * HOUR)
        const again = await legsRun(
          'rerun',
          run,
          legs,
          'refs/heads/main',
          undefined,
          versions,
          l => `main|${l.name}`
        )
        say(runLine(summarize('rerun', run, again)))
      }
      if (o.prsEvery > 0 && run % o.prsEvery === 0 && run < o.runs) {
        const n = ++prNumber
        const ref = `refs/pull/${n}/merge`
        const prVersions = [...mainVersions]
        const commits = r.int(1, 3)
        for (let c = 1; c <= commits; c++) {
          advance((0.3 + 0.7 * r.next()) * HOUR)
          changeSome(r, mod, prVersions, r.int(1, 3))
          const prRows = await legsRun(
            'pr',
            run,
            legs.slice(0, o.prLegs),
            ref,
            'refs/heads/main',
            [...prVersions],
            l => `${ref}|${l.name}`
          )
          say(runLine(summarize('pr', run, prRows, { pr: n, prCommit: c })))
        }
      }
    }

    // A wide matrix at the end (unless --matrix-legs 0): the known legs and new ones, all at
    // once, on a new commit.
    if (o.matrixLegs > 0) {
      advance(3 * HOUR)
      changeSome(r, mod, mainVersions, 2)
      const wide = Array.from({ length: o.matrixLegs }, (_, k) =>
        k < legs.length
          ? legs[k]
          : {
              name: `${PLATFORMS[k % PLATFORMS.length]}-shard${k}`,
              platform: PLATFORMS[k % PLATFORMS.length]
            }
      )
      const wideCap = Math.round(liveOf(mainVersions, wide) * o.capFactor)
      emulator.configure({ repoSizeLimitBytes: Math.max(cap, wideCap), rateLimitPerMinute: 200 })
      inMatrix = true
      const before = emulator.stats()
      const t0 = Date.now()
      const wideRows = await legsRun(
        'matrix',
        o.runs + 1,
        wide,
        'refs/heads/main',
        undefined,
        [...mainVersions],
        l => `main|${l.name}`
      )
      const wallSeconds = (Date.now() - t0) / 1000
      const after = emulator.stats()
      const created = after.entriesCreated - before.entriesCreated
      const matrix = summarize('matrix', o.runs + 1, wideRows, {
        legs: wide.length,
        wallSeconds,
        entriesCreated: created,
        // Under a minute, every creation fell in one minute's window.
        entriesPerMinute: wallSeconds < 60 ? created : created / (wallSeconds / 60),
        rateLimited429: after.rateLimited - before.rateLimited,
        cap: Math.max(cap, wideCap)
      })
      say(runLine(matrix) + ` | ${created} new entries in ${wallSeconds.toFixed(1)} s`)
    }
  } finally {
    await emulator.close()
    fs.rmSync(work, { recursive: true, force: true })
  }

  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, daemon on Node ${nodeVersion(actionNode)}`,
    command: options.command ?? 'node bench/history.mjs',
    options: { ...o, shape: o.shape },
    features,
    packages: { std: mod.pkgs.filter(p => p.std).length, own: mod.own.length },
    liveStart,
    cap,
    maxStored,
    overCapSamples: overCap,
    wallSeconds: (Date.now() - started) / 1000,
    runs,
    jobs: rows
  }
  result.targets = targets(result)
  return result
}

// ---------------------------------------------------------------- the report

const mb = n => `${(n / MiB).toFixed(1)} MiB`
const pct = x => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)} %`)
const ratio = x => (x === null || x === undefined ? '–' : `${x.toFixed(2)}×`)

function runLine(x) {
  return (
    `${x.kind.padEnd(6)} ${String(x.run).padStart(3)} day ${String(x.simDays).padStart(4)}: ` +
    `hit ${pct(x.hitRate)}, ${x.requests} req, down ${mb(x.bytesDownloaded)} = ${ratio(x.downloadRatio)} used, ` +
    `index ${x.bundlesInIndex} bundles ${(x.indexBytes / KiB).toFixed(1)} KiB, stored ${x.stored.entries} / ${mb(x.stored.bytes)}` +
    (x.givenUp ? `, ${x.givenUp} given up` : '') +
    (x.failed ? `, ${x.failed} FAILED` : '')
  )
}

function mainRun(result, n) {
  return result.runs.find(x => x.kind === 'main' && x.run === n)
}

/** Mean hit rate of the main runs n-9..n: a single run depends on what its commit changed. */
function meanHit(result, n) {
  const xs = result.runs.filter(x => x.kind === 'main' && x.run > n - 10 && x.run <= n)
  return xs.reduce((s, x) => s + x.hitRate, 0) / xs.length
}

export function targets(result) {
  const last = mainRun(result, result.options.runs)
  const tenth = mainRun(result, Math.min(10, result.options.runs))
  const matrix = result.runs.find(x => x.kind === 'matrix')
  const historyRuns = result.runs.filter(x => x.kind !== 'matrix')
  const worstStored = Math.max(...historyRuns.map(x => x.stored.bytes / x.live))
  const list = [
    {
      name: `run ${last.run} downloads ≤ 1.3× the bytes of entries it uses`,
      value: ratio(last.downloadRatio),
      met: last.downloadRatio !== null && last.downloadRatio <= 1.3
    },
    {
      name: `run ${last.run} download requests ≤ 1 + bundles used (per job, summed over legs)`,
      value: `${last.downloadRequests} vs ${last.jobs} + ${last.bundlesUsed}`,
      met: last.downloadRequests <= last.jobs + last.bundlesUsed
    },
    {
      name: 'stored bytes ≤ 2× the live working set of all scopes (worst run)',
      value: ratio(worstStored),
      met: worstStored <= 2
    },
    {
      name: 'stored bytes never over the cap',
      value: `max ${mb(result.maxStored)}, cap ${mb(result.cap)}, ${result.overCapSamples} samples over`,
      met: result.overCapSamples === 0
    },
    {
      name: `hit rate of run ${last.run} within 2 points of run ${tenth.run}`,
      value:
        `${pct(last.hitRate)} vs ${pct(tenth.hitRate)} ` +
        `(mean of the 10 main runs up to each: ${pct(meanHit(result, last.run))} vs ${pct(meanHit(result, tenth.run))})`,
      met: Math.abs(last.hitRate - tenth.hitRate) <= 0.02
    },
    {
      name: `hits ÷ hits a perfect cache would give (keys seen before), run ${last.run} within 2 points of run ${tenth.run}`,
      value: `${pct(last.hitShare)} vs ${pct(tenth.hitShare)}`,
      met: last.hitShare != null && Math.abs(last.hitShare - tenth.hitShare) <= 0.02
    }
  ]
  if (matrix) {
    list.push(
      {
        name: `${matrix.legs}-leg matrix < 200 new entries a minute`,
        value: `${matrix.entriesPerMinute.toFixed(0)} (${matrix.entriesCreated} in ${matrix.wallSeconds.toFixed(0)} s, ${matrix.rateLimited429} × 429)`,
        met: matrix.entriesPerMinute < 200
      },
      {
        name: `${matrix.legs}-leg matrix gives up 0 bundles`,
        value: `${matrix.givenUp} given up, ${matrix.failedRequests} failed requests`,
        met: matrix.givenUp === 0 && matrix.failedRequests === 0
      }
    )
  }
  return list
}

/** The BENCHMARKS.md section. */
export function renderHistory(r) {
  const o = r.options
  const selected = SELECTED_RUNS.filter(n => n <= o.runs)
    .map(n => mainRun(r, n))
    .filter(Boolean)
  const matrix = r.runs.find(x => x.kind === 'matrix')
  const reruns = r.runs.filter(x => x.kind === 'rerun')
  const prs = r.runs.filter(x => x.kind === 'pr')
  const jobs = r.jobs.length
  const f = r.features
  const lines = [
    '## The cache over weeks',
    '',
    `Produced by \`${r.command}\` (${r.date}, ${r.machine}, ${(r.wallSeconds / 60).toFixed(1)} min);`,
    'raw figures per job and per run in `bench/results/history-latest.json`. Go is not run: a',
    `synthetic module (${r.packages.std} std packages that never change, ${r.packages.own} own packages in ${o.shape.layers} layers,`,
    'compile outputs log-normal around ' +
      `${(o.shape.medianBytes / KiB).toFixed(0)} KiB up to ${(o.shape.maxBytes / KiB).toFixed(0)} KiB, a third of entries empty, a vet and a test entry per`,
    'own package) makes the traffic, whose ActionIDs ripple to importers as in Go; everything from',
    'the socket down is real (one `serve` daemon per job on a fresh runner directory, its bundles',
    'and index, `@actions/cache`, the emulator with its scopes, rate limit and eviction).',
    '',
    `${o.runs} commits on main, 2–4 simulated hours apart, each changing 1–5 packages (a few hot ones`,
    `most often; runs 13, 33, 53, … a go.sum bump of a deep dependency), each run by a ${o.legs}-leg matrix in`,
    `parallel (each leg its own platform scope and keys). Every ${o.prsEvery}th commit a pull request`,
    `(\`refs/pull/N/merge\`, 1–3 commits, ${o.prLegs} legs) reads main's cache through the scope rules;`,
    `every ${o.rerunEvery}th commit is re-run unchanged. ${jobs} jobs in all (${prs.length} pull-request runs,`,
    `${rets(reruns)}). Repository cap ${mb(r.cap)} (${o.capFactor}× the ${o.legs} legs' live working set of ${mb(r.liveStart)});`,
    f.clock
      ? "simulated clock: the emulator's 7-day eviction acts."
      : '**no simulated clock in this dist** (the emulator lacks `advanceClock`): nothing ages out, only the cap evicts, and the creation limit is off for the history (on for the matrix).',
    `Clean-up through the REST API: ${o.cleanup && f.cleanup ? 'on' : f.cleanup ? 'off (--no-cleanup)' : 'not available in this dist'}.`,
    `"Used" bytes: ${f.remoteHitBytes ? "the daemon's `remoteHitBytes`" : 'sizes of the entries the job got as hits (the daemon reports no `remoteHitBytes` yet)'};`,
    `bundles used: ${f.bundlesUsed ? "the daemon's `bundlesUsed`" : 'estimated from which job put each hit entry (split at the 32 MiB bundle size)'}.`,
    '',
    'Per main run, the legs added up (index: the largest restored):',
    '',
    '| run | day | hit rate | requests (down) | bundles used | downloaded | ÷ used | bundles in index | index | stored entries | stored | ÷ live | given up | 429s |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...selected.map(
      x =>
        `| ${x.run} | ${x.simDays} | ${pct(x.hitRate)} | ${x.requests} (${x.downloadRequests}) | ${x.bundlesUsed} | ${mb(x.bytesDownloaded)} | ${ratio(x.downloadRatio)} | ${x.bundlesInIndex} | ${(x.indexBytes / KiB).toFixed(1)} KiB | ${x.stored.entries} | ${mb(x.stored.bytes)} | ${ratio(x.stored.bytes / x.live)} | ${x.givenUp} | ${x.emulator.rateLimited} |`
    ),
    ''
  ]
  if (matrix) {
    lines.push(
      `${matrix.legs}-leg matrix after the history (${matrix.legs - o.legs} new legs start from a sibling's index): ` +
        `${matrix.entriesCreated} new entries in ${matrix.wallSeconds.toFixed(0)} s, ${matrix.rateLimited429} answered 429, ` +
        `${matrix.givenUp} bundles given up, hit rate ${pct(matrix.hitRate)}, downloaded ${mb(matrix.bytesDownloaded)}.`,
      ''
    )
  }
  lines.push(
    '| target | value | |',
    '| --- | --- | --- |',
    ...r.targets.map(t => `| ${t.name} | ${t.value} | ${t.met ? 'met' : '**missed**'} |`),
    ''
  )
  return lines.join('\n')
}

function rets(reruns) {
  return `${reruns.length} unchanged re-runs, hit rate ${reruns.length ? pct(Math.min(...reruns.map(x => x.hitRate))) : '–'} at worst`
}

// ---------------------------------------------------------------- command line

async function cli() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      legs: { type: 'string' },
      'prs-every': { type: 'string' },
      seed: { type: 'string' },
      'matrix-legs': { type: 'string' },
      'rerun-every': { type: 'string' },
      'cap-factor': { type: 'string' },
      'dist-rev': { type: 'string' },
      smoke: { type: 'boolean' },
      'no-cleanup': { type: 'boolean' },
      cleanup: { type: 'boolean' },
      json: { type: 'string' },
      quiet: { type: 'boolean' }
    },
    strict: true
  })
  const num = v => (v === undefined ? undefined : Number(v))
  const result = await historyBench({
    smoke: values.smoke,
    runs: num(values.runs),
    legs: num(values.legs),
    prsEvery: num(values['prs-every']),
    seed: num(values.seed),
    matrixLegs: num(values['matrix-legs']),
    rerunEvery: num(values['rerun-every']),
    capFactor: num(values['cap-factor']),
    distRev: values['dist-rev'],
    cleanup: !values['no-cleanup'],
    quiet: values.quiet,
    command: `node bench/history.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    onRow: row => process.stdout.write(JSON.stringify(row) + '\n')
  })
  const out =
    values.json ?? (values.smoke ? undefined : path.join(root, 'bench/results/history-latest.json'))
  if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n')
  process.stderr.write('\n' + renderHistory(result) + '\n')
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli().catch(err => {
    console.error(err)
    process.exit(1)
  })
}
