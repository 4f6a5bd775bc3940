// npm run demo: builds and tests the sample module twice through the cache daemon, the second
// time with an empty GOCACHE (as on a fresh runner that shares the store), and prints the
// daemon's counters after each run.
import { spawn, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const cli = path.join(root, 'dist/cli/index.js')
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'go-cache-demo-'))
const store = path.join(work, 'store')
const socket = path.join(work, 'cache.sock')
const prog = [process.execPath, cli, 'connect', '--socket', socket, '--dir', store]
  .map(w => `'${w}'`)
  .join(' ')

const daemon = spawn(process.execPath, [cli, 'serve', '--dir', store, '--socket', socket], {
  stdio: ['ignore', 'ignore', 'pipe']
})
let daemonLog = ''
await new Promise((resolve, reject) => {
  daemon.stderr.on('data', d => {
    daemonLog += d
    if (/^ready /m.test(daemonLog)) resolve()
  })
  daemon.on('exit', () => reject(new Error(daemonLog)))
})

let previous = { gets: 0, hits: 0, misses: 0, puts: 0, bytesRead: 0, bytesWritten: 0 }
for (const run of [1, 2]) {
  const env = {
    ...process.env,
    GOCACHE: path.join(work, `gocache${run}`),
    GOCACHEPROG: prog,
    GOTOOLCHAIN: 'local',
    GOFLAGS: ''
  }
  console.log(`\n== run ${run}: fresh GOCACHE, ${run === 1 ? 'empty store' : 'same store'}`)
  const t0 = Date.now()
  for (const args of [
    ['build', '-v', './...'],
    ['vet', './...'],
    ['test', './...']
  ]) {
    console.log(`$ go ${args.join(' ')}`)
    const r = spawnSync('go', args, {
      cwd: path.join(root, '__tests__/fixtures/sample'),
      env,
      stdio: 'inherit'
    })
    if (r.status !== 0) process.exit(r.status ?? 1)
  }
  const s = JSON.parse(spawnSync(process.execPath, [cli, 'stats', '--socket', socket]).stdout)
  const last = previous
  const d = k => s[k] - last[k]
  previous = s
  const rate = d('gets') ? ((100 * d('hits')) / d('gets')).toFixed(1) : '0'
  console.log(
    `run ${run}: ${((Date.now() - t0) / 1000).toFixed(1)} s, ${d('gets')} gets, ${d('hits')} hits (${rate}%), ` +
      `${d('misses')} misses, ${d('puts')} puts, ${(d('bytesRead') / 2 ** 20).toFixed(1)} MiB served, ` +
      `${(d('bytesWritten') / 2 ** 20).toFixed(1)} MiB stored`
  )
}
spawnSync(process.execPath, [cli, 'stop', '--socket', socket])
fs.rmSync(work, { recursive: true, force: true })
