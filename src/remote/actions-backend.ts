// The GitHub Actions cache service through the real @actions/cache client.
//
// The client archives *paths* and derives each entry's version from the path strings, so
// paths must be relative (a self-hosted runner elsewhere must compute the same version) and
// identical at save and restore: a bundle lives at `<key>/data`, the index at a fixed
// `go-cache-index/data`, both under a private workspace that is this process's cwd.
// Bundle downloads and uploads go around the client when they can (direct-download.ts,
// direct-upload.ts): the same entries, without its tar and zstd processes. The client
// reports failures only as log lines; we read them (per call, through async context) to
// tell "not there" from "failed" and to honour the service's Retry-After.

import { AsyncLocalStorage } from 'node:async_hooks'
import { accessSync, constants as fsConstants, statSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { log } from '../util/log.js'
import {
  checkKey,
  pourFile,
  type ByteSink,
  type EntryKind,
  type ExtraRequests,
  type RemoteBackend,
  type UploadResult
} from './backend.js'
import { DirectDownloader } from './direct-download.js'
import { BlobWriteRefused, DirectUploader } from './direct-upload.js'

type CacheClient = typeof import('@actions/cache')

const INDEX_PATH = 'go-cache-index'
const DATA_FILE = 'data'
const DEFAULT_RETRY_AFTER_MS = 15_000

interface CallLog {
  failures: string[]
  retryAfterMs?: number
}

const callLogs = new AsyncLocalStorage<CallLog>()

export class ActionsCacheBackend implements RemoteBackend {
  readonly name = 'GitHub Actions cache'
  /** Index operations share one path: one at a time. */
  private indexLock: Promise<unknown> = Promise.resolve()

  private loadedClient?: Promise<CacheClient>

  private constructor(
    private readonly workspace: string,
    private readonly direct: DirectDownloader | undefined,
    private directUpload: DirectUploader | undefined
  ) {}

  /** Whether uploads still go the direct way (see save()). */
  get uploadsDirectly(): boolean {
    return this.directUpload !== undefined
  }

  /**
   * The client is loaded on first use: it costs ~50 MiB and up to a second of a daemon that
   * runs beside go, and a job that only restores may never need it.
   */
  private client(): Promise<CacheClient> {
    this.loadedClient ??= import('@actions/cache')
    return this.loadedClient
  }

  /** Needs ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN in this process's environment. */
  static async create(workspace: string): Promise<ActionsCacheBackend> {
    if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
      throw new Error('the Actions cache needs ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL')
    }
    process.env.ACTIONS_CACHE_SERVICE_V2 ??= 'true'
    await fs.mkdir(workspace, { recursive: true })
    // The client resolves relative paths against the cwd and archives from GITHUB_WORKSPACE.
    process.chdir(workspace)
    process.env.GITHUB_WORKSPACE = workspace
    // Its archives go to RUNNER_TEMP, or to a fixed /home/actions/temp when that is unset.
    process.env.RUNNER_TEMP ??= path.join(workspace, '.archives')
    captureClientOutput()
    return new ActionsCacheBackend(workspace, DirectDownloader.create(), DirectUploader.create())
  }

  async download(key: string, into: ByteSink, extra?: ExtraRequests): Promise<boolean> {
    const dir = checkKey(key)
    if (this.direct) {
      const member = `${dir}/${DATA_FILE}`
      const direct = await this.direct.download([key], [dir], member, into)
      if (direct.kind === 'found') return true
      if (direct.kind === 'absent' && clientSavesZstd()) return false
      log('debug', `bundle ${key}: not downloadable directly, asking @actions/cache`)
      extra?.()
    }
    const client = await this.client()
    await this.clear(dir)
    try {
      const { result, failures } = await withCallLog(() => client.restoreCache([dir], key))
      if (result === undefined) {
        if (failures.length > 0) throw new Error(failures.join('; '))
        return false
      }
      await pourFile(path.join(this.workspace, dir, DATA_FILE), into)
      return true
    } finally {
      await this.clear(dir)
    }
  }

  async upload(
    key: string,
    file: string,
    kind: EntryKind,
    extra?: ExtraRequests
  ): Promise<UploadResult> {
    checkKey(key)
    if (kind === 'index') return this.serially(() => this.save(INDEX_PATH, key, file, extra))
    return this.save(key, key, file, extra)
  }

  async restoreNewest(
    prefixes: string[],
    file: string,
    extra?: ExtraRequests
  ): Promise<string | undefined> {
    return this.serially(async () => {
      if (this.direct) {
        const member = `${INDEX_PATH}/${DATA_FILE}`
        const direct = await this.direct.download(prefixes, [INDEX_PATH], member, file)
        if (direct.kind === 'found') return direct.key
        if (direct.kind === 'absent' && clientSavesZstd()) return undefined
        extra?.()
      }
      const client = await this.client()
      await this.clear(INDEX_PATH)
      try {
        const [primary, ...rest] = prefixes
        const { result, failures } = await withCallLog(() =>
          client.restoreCache([INDEX_PATH], primary, rest)
        )
        if (result === undefined && failures.length > 0) throw new Error(failures.join('; '))
        if (result !== undefined) {
          await fs.rename(path.join(this.workspace, INDEX_PATH, DATA_FILE), file)
        }
        return result
      } finally {
        await this.clear(INDEX_PATH)
      }
    })
  }

  private async save(
    dir: string,
    key: string,
    file: string,
    extra?: ExtraRequests
  ): Promise<UploadResult> {
    if (this.directUpload) {
      try {
        return await this.directUpload.upload(key, [dir], `${dir}/${DATA_FILE}`, file, extra)
      } catch (err) {
        // A store that refuses our writes' form would refuse every one: this upload fails (its
        // key stays reserved a while), later ones go through the client, as they once all did.
        if (err instanceof BlobWriteRefused && this.directUpload) {
          this.directUpload = undefined
          log('warn', `uploads go through @actions/cache from now on: ${err.message}`)
        }
        throw err
      }
    }
    await this.clear(dir)
    await fs.mkdir(path.join(this.workspace, dir))
    await fs.copyFile(file, path.join(this.workspace, dir, DATA_FILE))
    const client = await this.client()
    try {
      const { result, failures, retryAfterMs } = await withCallLog(() =>
        client.saveCache([dir], key)
      )
      if (result !== -1) return { status: 'saved' }
      if (retryAfterMs !== undefined || failures.some(f => /rate limit/i.test(f))) {
        return { status: 'rate-limited', retryAfterMs: retryAfterMs ?? DEFAULT_RETRY_AFTER_MS }
      }
      // -1 is also "already exists": ask, since a twin job may have saved the same bytes.
      extra?.()
      const { result: found } = await withCallLog(() =>
        client.restoreCache([dir], key, [], { lookupOnly: true })
      )
      if (found === key) return { status: 'exists' }
      throw new Error(failures.join('; ') || `the service did not save ${key}`)
    } finally {
      await this.clear(dir)
    }
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.indexLock.then(task, task)
    this.indexLock = run.catch(() => {})
    return run
  }

  private async clear(dir: string): Promise<void> {
    await fs.rm(path.join(this.workspace, dir), { recursive: true, force: true })
  }
}

let zstdFound: boolean | undefined

/**
 * Whether the client saves with zstd here: it does when `zstd` runs (getCompressionMethod),
 * else gzip, whose entries have another version that only the client looks up. Then a miss
 * of the direct lookup is final: asking the client too would be a second lookup for nothing.
 */
function clientSavesZstd(): boolean {
  if (zstdFound === undefined) {
    const names = process.platform === 'win32' ? ['zstd.exe', 'zstd.cmd', 'zstd.bat'] : ['zstd']
    const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)
    zstdFound = dirs.some(dir => names.some(name => isExecutable(path.join(dir, name))))
  }
  return zstdFound
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, fsConstants.X_OK)
    return statSync(file).isFile()
  } catch {
    return false
  }
}

async function withCallLog<T>(call: () => Promise<T>): Promise<CallLog & { result: T }> {
  const callLog: CallLog = { failures: [] }
  const result = await callLogs.run(callLog, call)
  return { ...callLog, result }
}

let captured = false

/**
 * @actions/core writes workflow commands (`::warning::…`) to stdout. In the daemon nobody
 * reads that stdout, so turn them into our log lines and note failures for the call that
 * caused them.
 */
function captureClientOutput(): void {
  if (captured) return
  captured = true
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    for (const line of chunk.toString().split(/\r?\n/)) {
      if (line) noteClientLine(line)
    }
    const callback = rest.find(arg => typeof arg === 'function') as (() => void) | undefined
    callback?.()
    return true
  }
  process.stdout.write = write as typeof process.stdout.write
}

function noteClientLine(line: string): void {
  const command = /^::([\w-]+)(?: [^:]*)?::(.*)$/.exec(line)
  const kind = command?.[1] ?? 'info'
  // The signatures of signed URLs: secrets, so never in our log (the post step prints it).
  if (kind === 'add-mask') return
  const text = command?.[2] ?? line
  const callLog = callLogs.getStore()
  const reset = /rate limit will reset in (\d+) seconds/.exec(text)
  if (reset && callLog) callLog.retryAfterMs = Number(reset[1]) * 1000
  if ((kind === 'warning' || kind === 'error') && callLog) callLog.failures.push(text)
  log(kind === 'debug' ? 'debug' : 'info', `actions cache: ${text}`)
}
