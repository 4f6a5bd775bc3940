// The restore-keys strategy of bench/releases.mjs: what a careful user writes by hand with
// actions/cache, through the same @actions/cache client and the same emulator:
//   - uses: actions/cache@v4
//     with:
//       path: |
//         ~/.cache/go-build
//         ~/go/pkg/mod
//       key: ${{ runner.os }}-go-${{ hashFiles('**/go.sum') }}-${{ github.run_id }}
//       (in a matrix: ${{ runner.os }}-${{ matrix.leg }}-go-…, and so the restore keys)
//       restore-keys: |
//         ${{ runner.os }}-go-${{ hashFiles('**/go.sum') }}-
//         ${{ runner.os }}-go-
//   restore (main step): the newest entry whose key starts with the go.sum prefix, else the
//     newest of any go.sum; save (post step): a new tarball under the run's own key, every run
//     (actions/cache saves unless the primary key was hit exactly, and a run id never repeats).
// Run as `node cache-step.mjs restore|save` with the variables a runner gives a JavaScript
// action (ACTIONS_*, RUNNER_TEMP, GITHUB_WORKSPACE, GITHUB_RUN_ID).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import * as cache from '@actions/cache'
import * as core from '@actions/core'

const PRIMARY = 'CACHE_KEY'
const MATCHED = 'CACHE_RESULT'

function cachePaths() {
  const r = spawnSync('go', ['env', 'GOCACHE', 'GOMODCACHE'], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`go env failed: ${r.stderr}`)
  return r.stdout.trim().split('\n')
}

function keys() {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
  const sum = path.join(workspace, 'go.sum')
  const hash = createHash('sha256')
    .update(fs.existsSync(sum) ? fs.readFileSync(sum) : '')
    .digest('hex')
  // A matrix leg's own entries: `${{ matrix.leg }}` in the key (BENCH_LEG here).
  const os = [process.env.RUNNER_OS ?? 'Linux', process.env.BENCH_LEG].filter(Boolean).join('-')
  return {
    primary: `${os}-go-${hash}-${process.env.GITHUB_RUN_ID ?? Date.now()}`,
    restoreKeys: [`${os}-go-${hash}-`, `${os}-go-`]
  }
}

async function restore() {
  const { primary, restoreKeys } = keys()
  core.saveState(PRIMARY, primary)
  const matched = await cache.restoreCache(cachePaths(), primary, restoreKeys)
  core.setOutput('cache-hit', matched === primary)
  if (!matched) return core.info('Cache not found for input keys')
  core.saveState(MATCHED, matched)
  core.info(`Cache restored from key: ${matched}`)
}

async function save() {
  const paths = cachePaths()
  const key = core.getState(PRIMARY)
  if (key === core.getState(MATCHED)) {
    return core.info(`Cache hit occurred on the primary key ${key}, not saving cache.`)
  }
  const id = await cache.saveCache(paths, key)
  if (id !== -1) core.info(`Cache saved with key: ${key}`)
}

const mode = process.argv[2] ?? process.env.BENCH_CACHE_STEP
try {
  if (mode === 'restore') await restore()
  else if (mode === 'save') await save()
  else throw new Error(`usage: cache-step.mjs restore|save, not ${mode}`)
} catch (err) {
  core.warning(`actions/cache: ${err.message}`)
}
process.exit(0)
