// The local disk tier: output files named by their SHA-256 and one small record per action.
//
// Layout under the store directory:
//   o/<2 hex>/<64 hex>   output bytes, named by content; published once, never replaced
//   a/<2 hex>/<64 hex>   action record "v1 <output hex> <size> <unix ms>\n"; replaced atomically
//   tmp/                 files being written; published by link (outputs) or rename (records)
//   records.log          records of entries unpacked from bundles, one line each (later wins)
// Several processes (prog children, a daemon) may share one directory: every publish is a
// single atomic filesystem operation, and readers verify what they did not write themselves.
// A process that opened the directory before it had any record files does not look for
// records others write later: those entries are misses for it, which is safe.
// Unpacked entries get a line in records.log instead of a file: on a busy runner, creating a
// file is the slowest step of storing a small entry, and a bundle holds hundreds of them.

import { createHash, randomBytes } from 'node:crypto'
import * as fsSync from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { EntryAppender, formatEntryLine, parseEntryLines } from './entry-lines.js'
import { hashFile, hashFileSync } from './hash-file.js'
import { PutWriter, SyncImport } from './output-writers.js'
import { outputPathIn } from './output-path.js'

export interface StoredEntry {
  outputID: Buffer
  size: number
  time: Date
  diskPath: string
}

export interface ActionRecord {
  outputHex: string
  size: number
  timeMs: number
}

/** The SHA-256 of no bytes: the name of every empty output. */
export const EMPTY_HEX = createHash('sha256').digest('hex')
const RECORD_LOG = 'records.log'

export class LocalStore {
  readonly dir: string
  private readonly records = new Map<string, ActionRecord>()
  /** Verified entries already handed out, by action. */
  private readonly served = new Map<string, StoredEntry>()
  /** Outputs whose bytes this process wrote or hashed: safe to hand out without rereading. */
  private readonly verified = new Set<string>()
  /** Outputs handed to Go this session: trimming must leave them alone. */
  readonly inUse = new Set<string>()
  private readonly madeDirs = new Set<string>()
  private tmpCounter = 0
  private readonly tmpPrefix = `${process.pid}-${randomBytes(4).toString('hex')}`
  /** Entries that failed verification (bad size or hash) and were dropped. */
  corruptEntries = 0
  /** Told of every action whose record and output bytes this process has checked or written. */
  onVerified?: (actionHex: string, record: ActionRecord) => void
  /** Shown an output's bytes when they are in memory on the way in (whoever reads content). */
  onOutputBytes?: (outputHex: string, data: Buffer) => void

  /** Appends unpacked entries' records; undefined until the first, or when it failed. */
  private recordLog?: EntryAppender
  private recordLogFailed = false
  /** Whether the store had action record files (a/) when this process opened it. */
  private recordFilesAtOpen = true

  private constructor(dir: string) {
    this.dir = dir
  }

  static async open(dir: string): Promise<LocalStore> {
    const store = new LocalStore(path.resolve(dir))
    await fs.mkdir(path.join(store.dir, 'tmp'), { recursive: true })
    store.recordFilesAtOpen = await fs.access(path.join(store.dir, 'a')).then(
      () => true,
      () => false
    )
    await store.loadRecordLog()
    return store
  }

  private get recordLogPath(): string {
    return path.join(this.dir, RECORD_LOG)
  }

  /** Reads records.log; rewrites it when superseded lines make up most of it. */
  private async loadRecordLog(): Promise<void> {
    let text: string
    try {
      text = await fs.readFile(this.recordLogPath, 'latin1')
    } catch {
      return
    }
    const lines = text.split('\n')
    lines.pop() // a line still being written by another process, or the empty tail
    parseEntryLines(lines, this.records)
    if (lines.length > 2 * this.records.size + 1000) {
      const tmp = this.tmpPath()
      let compact = ''
      for (const [actionHex, record] of this.records) compact += formatEntryLine(actionHex, record)
      await fs.writeFile(tmp, compact)
      await fs.rename(tmp, this.recordLogPath)
    }
  }

  /** Writes what is pending in records.log. */
  close(): void {
    this.recordLog?.close()
    this.recordLog = undefined
  }

  outputPath(outputHex: string): string {
    return outputPathIn(this.dir, outputHex)
  }

  private actionPath(actionHex: string): string {
    return path.join(this.dir, 'a', actionHex.slice(0, 2), actionHex)
  }

  /** Looks an action up; a hit's file exists, has the recorded size and hashes to its name. */
  async get(actionID: Buffer): Promise<StoredEntry | undefined> {
    const actionHex = actionID.toString('hex')
    const served = this.served.get(actionHex)
    if (served) return served
    const record = this.records.get(actionHex) ?? (await this.readRecord(actionHex))
    if (!record) return undefined
    if (!this.verified.has(record.outputHex)) {
      if (!(await this.verifyOutput(record.outputHex, record.size))) {
        this.records.delete(actionHex)
        return undefined
      }
    }
    this.inUse.add(record.outputHex)
    const entry = {
      outputID: Buffer.from(record.outputHex, 'hex'),
      size: record.size,
      time: new Date(record.timeMs),
      diskPath: this.outputPath(record.outputHex)
    }
    // A daemon answers the same actions for every go command of a job: keep the answer.
    this.served.set(actionHex, entry)
    this.onVerified?.(actionHex, record)
    return entry
  }

  /** An action's record without checking its output (a bundle writer copies what is there). */
  async record(actionHex: string): Promise<ActionRecord | undefined> {
    return this.records.get(actionHex) ?? (await this.readRecord(actionHex))
  }

  private async readRecord(actionHex: string): Promise<ActionRecord | undefined> {
    // A store that had no record files when it opened (a fresh runner's) holds only records
    // this process wrote, all in memory. Looking on disk would cost a failed open through
    // the thread pool for every get that comes before its bundle. A second process writing
    // into the same store meanwhile is not seen: its entries are misses here, which is safe.
    if (!this.recordFilesAtOpen) return undefined
    let text: string
    try {
      text = await fs.readFile(this.actionPath(actionHex), 'utf8')
    } catch {
      return undefined
    }
    const m = /^v1 ([0-9a-f]{64}) (\d+) (\d+)\n$/.exec(text)
    if (!m) return undefined
    const record = { outputHex: m[1], size: Number(m[2]), timeMs: Number(m[3]) }
    this.records.set(actionHex, record)
    return record
  }

  /** Hashes a file this process did not write; removes it when it is not what its name says. */
  private async verifyOutput(outputHex: string, size: number): Promise<boolean> {
    const file = this.outputPath(outputHex)
    let stat
    try {
      stat = await fs.stat(file)
    } catch {
      return false
    }
    const ok = stat.size === size && (await hashFile(file, stat.size)) === outputHex
    if (!ok) {
      this.corruptEntries++
      await fs.rm(file, { force: true })
      return false
    }
    this.verified.add(outputHex)
    // Keep recently used files young for trimming (as Go does, at most once an hour).
    if (Date.now() - stat.mtimeMs > TOUCH_INTERVAL_MS) {
      const now = new Date()
      fs.utimes(file, now, now).catch(() => {})
    }
    return true
  }

  /** Starts a put; the body is checked against OutputID and size before anything is published. */
  beginPut(actionID: Buffer, outputID: Buffer, size: number, timeMs?: number): PutWriter {
    return new PutWriter(this, actionID.toString('hex'), outputID.toString('hex'), size, timeMs)
  }

  /** Whether an action record exists (its output is verified only when it is served). */
  async hasAction(actionID: Buffer): Promise<boolean> {
    const actionHex = actionID.toString('hex')
    return this.records.has(actionHex) || (await this.readRecord(actionHex)) !== undefined
  }

  /**
   * Stores a body already in memory, synchronously. Unpacking a bundle stores hundreds of
   * small entries in a row, and a thread-pool round trip per file operation cost more than
   * the writes themselves while go competes for the same cores. Returns false (and stores
   * nothing) when the bytes do not hash to `outputHex`; an action already recorded is kept.
   */
  importSync(actionHex: string, outputHex: string, data: Buffer, timeMs: number): boolean {
    if (createHash('sha256').update(data).digest('hex') !== outputHex) return false
    this.recordImport(actionHex, { outputHex, size: data.length, timeMs }, () =>
      this.publishSync(outputHex, data)
    )
    return true
  }

  /**
   * Starts an import whose bytes arrive in pieces (a big output spread over a download's
   * chunks): written synchronously as they come, so the output never sits in memory whole.
   */
  beginImportSync(outputHex: string, size: number): SyncImport {
    return new SyncImport(this, outputHex, size, this.tmpPath())
  }

  /**
   * Records an imported action whose output is verified; `publish` puts the output in place
   * first, unless the action is recorded already (its output was stored with it).
   */
  recordImport(actionHex: string, record: ActionRecord, publish: () => void): void {
    if (this.records.has(actionHex)) return
    if (this.recordFilesAtOpen && fsSync.existsSync(this.actionPath(actionHex))) return
    publish()
    this.appendRecordSync(actionHex, record)
    this.records.set(actionHex, record)
    this.served.delete(actionHex)
    this.onVerified?.(actionHex, record)
  }

  /** Moves a file whose bytes hashed to `outputHex` under that name, unless this process did. */
  publishFileSync(outputHex: string, size: number, tmp: string): void {
    if (this.verified.has(outputHex)) return
    this.placeSync(outputHex, size, final => fsSync.renameSync(tmp, final))
  }

  /**
   * Lists actions whose output is empty as verified without writing a record for each: the
   * one empty file serves them all (the record is written when the daemon is first asked).
   */
  vouchForEmpty(actions: ReadonlyMap<string, number>): void {
    if (!this.onVerified || actions.size === 0) return
    this.publishSync(EMPTY_HEX, Buffer.alloc(0))
    for (const [actionHex, timeMs] of actions) {
      this.onVerified(actionHex, { outputHex: EMPTY_HEX, size: 0, timeMs })
    }
  }

  /** Writes bytes already hashed to `outputHex` under that name, unless this process did. */
  private publishSync(outputHex: string, data: Buffer): void {
    if (this.verified.has(outputHex)) return
    this.onOutputBytes?.(outputHex, data)
    this.placeSync(outputHex, data.length, final => this.replaceSync(final, data))
  }

  /** Puts verified bytes under their content name with `place(final)`; marks them verified. */
  private placeSync(outputHex: string, size: number, place: (final: string) => void): void {
    const final = this.outputPath(outputHex)
    this.ensureDirSync(path.dirname(final))
    // Content-addressed: replacing whatever is there with verified bytes is always right,
    // and rename is atomic for readers.
    try {
      place(final)
    } catch (err) {
      // Windows refuses to rename over a file another process has open (go reading this
      // output): a file already there with these very bytes is as good as ours.
      if (!holdsBytes(final, outputHex, size)) throw err
    }
    this.verified.add(outputHex)
  }

  /** A line in records.log; a record file when the log cannot be written. */
  private appendRecordSync(actionHex: string, record: ActionRecord): void {
    if (!this.recordLog && !this.recordLogFailed) {
      try {
        this.recordLog = new EntryAppender(this.recordLogPath, false, () => {
          this.recordLogFailed = true
          this.recordLog = undefined
        })
      } catch {
        this.recordLogFailed = true
      }
    }
    if (this.recordLog) {
      this.recordLog.add(actionHex, record)
      return
    }
    const file = this.actionPath(actionHex)
    this.ensureDirSync(path.dirname(file))
    this.replaceSync(file, recordFileText(record))
  }

  private replaceSync(final: string, data: Buffer | string): void {
    const tmp = this.tmpPath()
    fsSync.writeFileSync(tmp, data, { flag: 'wx' })
    try {
      fsSync.renameSync(tmp, final)
    } catch (err) {
      fsSync.rmSync(tmp, { force: true })
      throw err
    }
  }

  private ensureDirSync(dir: string): void {
    if (this.madeDirs.has(dir)) return
    fsSync.mkdirSync(dir, { recursive: true })
    this.madeDirs.add(dir)
  }

  async ensureDir(dir: string): Promise<void> {
    if (this.madeDirs.has(dir)) return
    await fs.mkdir(dir, { recursive: true })
    this.madeDirs.add(dir)
  }

  tmpPath(): string {
    return path.join(this.dir, 'tmp', `${this.tmpPrefix}-${++this.tmpCounter}`)
  }

  /**
   * Makes a body written to `tmp` (already hashed) visible under its content name, unless a
   * good copy is already there; `tmp` is gone afterwards.
   */
  async publishOutput(outputHex: string, size: number, tmp: string): Promise<string> {
    const final = this.outputPath(outputHex)
    if (this.verified.has(outputHex)) {
      await fs.rm(tmp, { force: true })
      return final
    }
    await this.ensureDir(path.dirname(final))
    try {
      await linkNoReplace(tmp, final)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        await fs.rm(tmp, { force: true })
        throw err
      }
      // Someone published it first. Trust it only after checking, and replace it if bad:
      // a corrupt file can never be what a reader wants under this name.
      if (!(await this.verifyOutput(outputHex, size))) await linkNoReplace(tmp, final)
    }
    await fs.rm(tmp, { force: true })
    this.verified.add(outputHex)
    return final
  }

  /**
   * Stores a put whose body is in memory and already hashed, synchronously: the same files
   * publishOutput and writeRecord make, without their nine or so thread-pool round trips,
   * which cost more CPU than the writes while go compiles on the same cores. Returns DiskPath.
   */
  putSync(actionHex: string, record: ActionRecord, data: Buffer): string {
    this.publishSync(record.outputHex, data)
    const file = this.actionPath(actionHex)
    this.ensureDirSync(path.dirname(file))
    this.replaceSync(file, recordFileText(record))
    this.records.set(actionHex, record)
    this.served.delete(actionHex)
    this.onVerified?.(actionHex, record)
    return this.outputPath(record.outputHex)
  }

  async writeRecord(actionHex: string, record: ActionRecord): Promise<void> {
    const file = this.actionPath(actionHex)
    await this.ensureDir(path.dirname(file))
    const tmp = this.tmpPath()
    await fs.writeFile(tmp, recordFileText(record))
    await fs.rename(tmp, file)
    this.records.set(actionHex, record)
    this.served.delete(actionHex)
    if (this.verified.has(record.outputHex)) this.onVerified?.(actionHex, record)
  }

  markInUse(outputHex: string): void {
    this.inUse.add(outputHex)
  }
}

const TOUCH_INTERVAL_MS = 60 * 60 * 1000

/** An action record file's text (readRecord parses it back). */
function recordFileText(record: ActionRecord): string {
  return `v1 ${record.outputHex} ${record.size} ${record.timeMs}\n`
}

/** Publishes `tmp` as `final` only if nothing is there yet (link fails with EEXIST). */
async function linkNoReplace(tmp: string, final: string): Promise<void> {
  try {
    await fs.link(tmp, final)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    // Filesystems without hard links: an exclusive copy keeps the same no-replace rule.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
      await fs.copyFile(tmp, final, fs.constants.COPYFILE_EXCL)
      return
    }
    throw err
  }
}

/** Whether `file` exists and its bytes hash to `outputHex`. */
function holdsBytes(file: string, outputHex: string, size: number): boolean {
  try {
    if (fsSync.statSync(file).size !== size) return false
    return hashFileSync(file) === outputHex
  } catch {
    return false
  }
}
