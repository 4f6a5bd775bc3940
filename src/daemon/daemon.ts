// The long-lived cache daemon: one shared store, one socket, a connection per go command.

import * as fs from 'node:fs/promises'
import * as net from 'node:net'
import * as path from 'node:path'
import { createCacheHandler } from '../cache/cache-handler.js'
import { ModuleProxy } from '../modules/module-proxy.js'
import { unpackModules, type UnpackOptions, type UnpackReport } from '../modules/module-unpack.js'
import { Upstream } from '../modules/upstream.js'
import { newStats } from '../cache/stats.js'
import { serveConnection } from '../protocol/server.js'
import { RemoteCache, type RemoteOptions } from '../remote/remote-cache.js'
import { LocalStore } from '../store/local-store.js'
import { trimIfDue } from '../store/trim.js'
import { VerifiedLogWriter, verifiedLogPath } from '../store/verified-log.js'
import { log } from '../util/log.js'
import { sleep } from '../util/sleep.js'
import { socketAddress } from './socket-path.js'

/** The build cache's prefetch waits at most this long for the module bundles. */
const MODULES_FIRST_MAX_MS = 20_000

export interface DaemonOptions {
  dir: string
  socket: string
  maxBytes: number
  /** Bundles in a remote backend; without it the daemon is a local cache only. */
  remote?: RemoteOptions
  /** Also serve Go modules (GOPROXY protocol) on a loopback port. */
  modules?: ModuleOptions
}

export interface ModuleOptions {
  /** The module store (separate from the build cache's). */
  dir: string
  /** The job's own GOPROXY: where files we do not have come from. */
  upstream: string
  /** First path element of every request. */
  secret: string
  port?: number
  /** Module bundles and their own index; the same backend as the build cache's. */
  remote?: RemoteOptions
  /** Write go.sum's versions into GOMODCACHE once the module bundles are in. */
  unpack?: UnpackOptions
}

export interface Daemon {
  address: string
  /** Resolves when the daemon has stopped (stop command or signal). */
  stopped: Promise<void>
  stop(): Promise<void>
  /** Where the module proxy listens, when it runs. */
  modulePort?: number
}

export async function startDaemon(options: DaemonOptions): Promise<Daemon> {
  const store = await LocalStore.open(options.dir)
  const stats = newStats()
  const remote = options.remote ? new RemoteCache(store, options.remote) : undefined
  const address = socketAddress(options.socket)
  const connections = new Set<net.Socket>()
  let stopping: Promise<void> | undefined

  const trim = () => trimStore(store, options.maxBytes, 'store')

  const modules = options.modules ? await startModules(options.modules) : undefined
  const report = () => ({
    ...stats,
    cpuMs: cpuMs(),
    ...(remote && { remote: { ...remote.stats } }),
    ...(modules && { modules: modules.report() })
  })
  const flush = async () => {
    // The job's counts include the module trees, unless unpacking them is stuck.
    await Promise.all([remote?.flush(), modules?.remote?.flush(), modules?.unpacked(30_000)])
    return report()
  }
  const handler = {
    ...createCacheHandler(store, stats, remote),
    extraCommands: {
      stats: async () => report(),
      // Main waits for the index (cache-hit, carried times): one answer once it is in.
      'wait-index': async () => {
        await remote?.indexRestored()
        return report()
      },
      // Main asks once the index is restored (see checkout/carried-times.ts).
      'carried-times': async () => remote?.restoredCarriedTimes ?? [],
      flush,
      stop: async () => {
        // Flush and answer first, then stop: the caller waits for the answer.
        const final = await flush()
        setImmediate(() => void stop())
        return final
      }
    }
  }

  // Half-open: a bridge ends its side when Go closes stdin and still needs the last answers.
  const server = net.createServer({ allowHalfOpen: true }, socket => {
    stats.connections++
    connections.add(socket)
    socket.on('close', () => connections.delete(socket))
    socket.on('error', () => {})
    serveConnection(socket, socket, handler, {
      log: message => log('warn', message),
      onError: () => stats.errors++
    }).catch(err => log('error', `connection failed: ${(err as Error).message}`))
  })

  await prepareSocket(address)
  await listen(server, address)
  // Only now: a daemon refused for a live socket must not wipe that daemon's list.
  const verifiedLog = openVerifiedLog(store, address)
  let resolveStopped!: () => void
  const stopped = new Promise<void>(resolve => (resolveStopped = resolve))

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      server.close()
      // Go commands still connected get a little time to finish their last answers.
      const deadline = Date.now() + 2000
      while (connections.size > 0 && Date.now() < deadline) await sleep(20)
      for (const socket of connections) socket.destroy()
      verifiedLog?.close()
      store.close()
      await modules?.stop(options.maxBytes)
      await trim()
      if (process.platform !== 'win32') await fs.rm(address, { force: true })
      resolveStopped()
    })()
    return stopping
  }

  // Modules first: a job's go commands need them before any compile needs the build cache,
  // and both restores share one link (and two cores): the module bundles, then their
  // unpacking into GOMODCACHE (CPU-bound, as is unpacking bundles). Gets are never held back.
  // Releasing the prefetch once the module bundles are in kept the link busy but moved the
  // time from the build step to `go mod download` (BENCHMARKS.md, caddy, --baseline-rev).
  modules?.remote?.start()
  if (remote && modules?.remote) remote.holdPrefetch(modules.ready(), MODULES_FIRST_MAX_MS)
  remote?.start()
  void trim()
  return { address, stopped, stop, modulePort: modules?.port }
}

/** Trims a store if due; a failure is a warning, never the daemon's end. */
function trimStore(store: LocalStore, maxBytes: number, name: string): Promise<void> {
  return trimIfDue(store.dir, { maxBytes, inUse: store.inUse }).then(
    report => {
      if (report?.removedFiles) {
        log(
          'info',
          `trimmed ${report.removedFiles} files (${report.removedBytes} bytes) from the ${name}`
        )
      }
    },
    err => log('warn', `trimming the ${name} failed: ${(err as Error).message}`)
  )
}

/** The module proxy beside the build cache: its own store, bundles and index. */
async function startModules(options: ModuleOptions) {
  const store = await LocalStore.open(options.dir)
  const remote = options.remote ? new RemoteCache(store, options.remote) : undefined
  const proxy = new ModuleProxy({
    store,
    remote,
    upstream: new Upstream(options.upstream),
    secret: options.secret
  })
  const port = await proxy.listen(options.port)
  log('info', `module proxy on 127.0.0.1:${port}, upstream ${options.upstream || '(none)'}`)
  let unpacked: UnpackReport | undefined
  const unpack = options.unpack
  const bundlesIn = remote ? remote.prefetchDone() : Promise.resolve()
  const unpacking = unpack
    ? bundlesIn
        .then(() => unpackModules(store, unpack, remote))
        .then(
          report => void (unpacked = report),
          err => log('warn', `module trees not unpacked: ${(err as Error).message}`)
        )
    : undefined
  return {
    port,
    remote,
    /** The module bundles are in and unpacked (if asked for): what the build cache waits for. */
    ready: () => bundlesIn.then(() => unpacking),
    /** Resolves when the unpacking is over (or was never asked for), at most `ms` from now. */
    unpacked: (ms: number) => {
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<void>(resolve => (timer = setTimeout(resolve, ms)))
      return Promise.race([unpacking, late]).finally(() => clearTimeout(timer))
    },
    report: () => ({
      port,
      ...proxy.stats,
      ...(remote && { remote: { ...remote.stats } }),
      ...(unpacked && { unpacked })
    }),
    stop: async (maxBytes: number) => {
      await proxy.close()
      store.close()
      await trimStore(store, maxBytes, 'module store')
    }
  }
}

/** Lets bridges answer what this daemon verified; without the list they just ask us. */
function openVerifiedLog(store: LocalStore, address: string): VerifiedLogWriter | undefined {
  try {
    const writer = new VerifiedLogWriter(verifiedLogPath(store.dir, address))
    store.onVerified = (actionHex, record) => writer.add(actionHex, record)
    return writer
  } catch (err) {
    log('debug', `no verified list for bridges: ${(err as Error).message}`)
    return undefined
  }
}

/** Removes a socket file left by a daemon that died; refuses to steal a live one. */
async function prepareSocket(address: string): Promise<void> {
  if (process.platform === 'win32') return
  await fs.mkdir(path.dirname(address), { recursive: true })
  const alive = await new Promise<boolean>(resolve => {
    const probe = net.connect(address)
    probe.on('connect', () => {
      probe.destroy()
      resolve(true)
    })
    probe.on('error', () => resolve(false))
  })
  if (alive) throw new Error(`another daemon already listens on ${address}`)
  await fs.rm(address, { force: true })
}

function listen(server: net.Server, address: string): Promise<void> {
  // The socket file is created by listen(); a tight umask makes it 0600 from the start.
  const oldMask = process.platform === 'win32' ? undefined : process.umask(0o177)
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(address, () => {
      server.off('error', reject)
      resolve()
    })
  }).finally(() => {
    if (oldMask !== undefined) process.umask(oldMask)
  })
}

/** This process's CPU time (all threads: decompression runs on libuv's pool), in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return Math.round((user + system) / 1000)
}
