// The tarball strategy of the whole-job benchmark (bench/jobs.mjs): what actions/setup-go's
// built-in cache does, through the same @actions/cache client and the same emulator.
//   restore (setup-go's main step): restoreCache of GOCACHE under
//     setup-go-<os>-<arch>-<image>-go-<version>-<hash of go.sum>, no restore-keys;
//   save (setup-go's post step): saveCache under that key unless the restore hit it exactly,
//     so once a key exists the cache is never updated again (the frozen key).
// setup-go packs GOMODCACHE and GOCACHE (in that order); BENCH_TARBALL_PATHS picks which
// (default GOCACHE: the build-only benchmark leaves module downloads out). Run as `node tarball-step.mjs restore|save` with the
// variables a runner gives a JavaScript action (ACTIONS_*, RUNNER_TEMP, GITHUB_WORKSPACE).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as cache from '@actions/cache'
import * as core from '@actions/core'

const PRIMARY = 'CACHE_KEY'
const MATCHED = 'CACHE_RESULT'

function goEnv(...names) {
  const r = spawnSync('go', ['env', ...names], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`go env failed: ${r.stderr}`)
  return r.stdout.trim().split('\n')
}

/**
 * setup-go hashes its cache-dependency-path, by default go.mod (setup-go v6 and later,
 * src/package-managers.ts); BENCH_TARBALL_DEPENDENCY names the file (default here: go.sum,
 * else go.mod, what the whole-job benchmark has always used).
 */
function primaryKey() {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
  const names = process.env.BENCH_TARBALL_DEPENDENCY
    ? [process.env.BENCH_TARBALL_DEPENDENCY]
    : ['go.sum', 'go.mod']
  const sum = names.map(name => path.join(workspace, name)).find(file => fs.existsSync(file))
  const hash = createHash('sha256')
    .update(fs.readFileSync(sum ?? ''))
    .digest('hex')
  const [version] = goEnv('GOVERSION')
  const image = process.env.RUNNER_OS === 'Linux' ? `${process.env.ImageOS ?? 'ubuntu24'}-` : ''
  return `setup-go-${process.env.RUNNER_OS}-${os.arch()}-${image}go-${version.replace(/^go/, '')}-${hash}`
}

/** The folders the tarball holds, as setup-go lists them (`go env GOMODCACHE GOCACHE`). */
function cachePaths() {
  return goEnv(...(process.env.BENCH_TARBALL_PATHS ?? 'GOCACHE').split(','))
}

async function restore() {
  const paths = cachePaths()
  const key = primaryKey()
  core.saveState(PRIMARY, key)
  const matched = await cache.restoreCache(paths, key)
  core.setOutput('cache-hit', Boolean(matched))
  if (!matched) return core.info('Cache is not found')
  core.saveState(MATCHED, matched)
  core.info(`Cache restored from key: ${matched}`)
}

async function save() {
  const paths = cachePaths()
  if (!paths.some(p => fs.existsSync(p)))
    return core.warning('There are no cache folders on the disk')
  const key = core.getState(PRIMARY)
  if (key === core.getState(MATCHED)) {
    return core.info(`Cache hit occurred on the primary key ${key}, not saving cache.`)
  }
  const id = await cache.saveCache(paths, key)
  if (id === -1) return
  core.info(`Cache saved with the key: ${key}`)
}

const mode = process.argv[2] ?? process.env.BENCH_TARBALL_STEP
try {
  if (mode === 'restore') await restore()
  else if (mode === 'save') await save()
  else throw new Error(`usage: tarball-step.mjs restore|save, not ${mode}`)
} catch (err) {
  // setup-go turns cache failures into warnings; the job goes on.
  core.warning(`tarball cache: ${err.message}`)
}
// The client keeps sockets alive; a step ends when its work does.
process.exit(0)
