// A module proxy for benchmarks: serves a directory laid out like one (GOMODCACHE's
// cache/download, filled once from the Go module proxy) over HTTP with a latency per request
// and one shared bandwidth, the same profile as the cache service emulator, so runs are
// repeatable and nothing depends on the internet while timing. Counts what it served.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import { createServer } from 'node:http'
import * as path from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Fills `modcache` with everything `go mod download` fetches for the module in `dir` (from
 * the real GOPROXY), once; returns the upstream directory (its cache/download).
 */
export function fillUpstream(dir, modcache, env = process.env) {
  const done = path.join(modcache, '.filled')
  if (!fs.existsSync(done)) {
    const r = spawnSync('go', ['mod', 'download'], {
      cwd: dir,
      env: { ...env, GOMODCACHE: modcache, GOFLAGS: '-modcacherw' },
      encoding: 'utf8'
    })
    if (r.status !== 0) throw new Error(`go mod download failed:\n${r.stderr}`)
    fs.writeFileSync(done, new Date().toISOString())
  }
  return path.join(modcache, 'cache', 'download')
}

/** Starts the proxy; `url` is a GOPROXY value. */
export async function startUpstream(root, { latencyMs = 40, bytesPerSec = 80 * 2 ** 20 } = {}) {
  const stats = { requests: 0, files: 0, bytes: 0, notFound: 0 }
  let nextFree = 0
  const take = async n => {
    const now = performance.now()
    nextFree = Math.max(now, nextFree) + (n / bytesPerSec) * 1000
    if (nextFree - now >= 1) await sleep(nextFree - now)
  }
  const server = createServer(async (req, res) => {
    stats.requests++
    await sleep(latencyMs)
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '')
    const file = path.join(root, rel)
    let size
    try {
      if (!file.startsWith(root + path.sep)) throw new Error('outside')
      const st = fs.statSync(file)
      if (!st.isFile()) throw new Error('not a file')
      size = st.size
    } catch {
      stats.notFound++
      res.writeHead(404).end('not found')
      return
    }
    stats.files++
    res.writeHead(200, { 'Content-Length': String(size) })
    const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 })
    for await (const chunk of stream) {
      await take(chunk.length)
      stats.bytes += chunk.length
      if (!res.write(chunk)) await new Promise(resolve => res.once('drain', resolve))
    }
    res.end()
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stats,
    reset: () => Object.assign(stats, { requests: 0, files: 0, bytes: 0, notFound: 0 }),
    close: () =>
      new Promise(resolve => {
        server.close(resolve)
        server.closeAllConnections()
      })
  }
}
