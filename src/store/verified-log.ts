// The daemon's list of entries it has verified this session, read by the connect bridges.
//
// Every get otherwise crosses two processes (Go → bridge → daemon and back), and on two
// cores each hop waits for the scheduler. The daemon appends one line per entry whose bytes
// it hashed or wrote itself; a bridge answers a get listed there at once, still forwarding
// the request so the daemon counts it and keeps its bookkeeping. Only the daemon's own
// session is trusted: it starts the list empty, and a bridge checks the file's size too.
// A later line for the same action wins (a put may replace a record).

import * as fs from 'node:fs'
import * as path from 'node:path'
import { sha256Hex } from '../util/sha256.js'
import { EntryAppender, parseEntryLines, type EntryLine } from './entry-lines.js'

/**
 * One list per daemon (named after its socket): daemons sharing a store keep their own.
 * No node:crypto in this module: every bridge reads the list on start.
 */
export function verifiedLogPath(storeDir: string, socketAddress: string): string {
  return path.join(path.resolve(storeDir), `verified-${sha256Hex(socketAddress).slice(0, 16)}.log`)
}

/** The daemon's side: one line per entry, the same entry never twice. */
export class VerifiedLogWriter {
  private readonly appender: EntryAppender
  /** What each listed action's line said. */
  private readonly listed = new Map<string, string>()

  constructor(readonly file: string) {
    // Whatever a previous daemon verified is not ours to vouch for.
    this.appender = new EntryAppender(file, true)
  }

  add(actionHex: string, entry: EntryLine): void {
    if (this.listed.get(actionHex) === entry.outputHex) return
    this.listed.set(actionHex, entry.outputHex)
    this.appender.add(actionHex, entry)
  }

  /** Stops vouching: bridges still running find no list and ask the daemon. */
  close(): void {
    this.appender.close()
    fs.rmSync(this.file, { force: true })
  }
}

/**
 * A bridge's view of the list: read once, then only what was appended since. A line is
 * parsed only when Go asks for its action: a go command asks for a fraction of a list that
 * holds every entry of the job so far.
 */
export class VerifiedLogReader {
  /** The last line of each action, unparsed, or what it parsed to (undefined: malformed). */
  private readonly entries = new Map<string, string | EntryLine | undefined>()
  private offset = 0
  private partial = ''
  private fd?: number
  private gone = false

  constructor(private readonly file: string) {}

  lookup(actionHex: string): EntryLine | undefined {
    let entry = this.entries.get(actionHex)
    if (entry === undefined) {
      if (!this.refresh()) return undefined
      entry = this.entries.get(actionHex)
    }
    if (typeof entry !== 'string') return entry
    const parsed = new Map<string, EntryLine>()
    parseEntryLines([entry], parsed)
    const result = parsed.get(actionHex)
    this.entries.set(actionHex, result)
    return result
  }

  /** Reads what the daemon appended since last time; false when nothing new came. */
  private refresh(): boolean {
    if (this.gone) return false
    try {
      this.fd ??= fs.openSync(this.file, 'r')
      const size = fs.fstatSync(this.fd).size
      if (size < this.offset) {
        // A new daemon started the list over: forget the old one.
        this.entries.clear()
        this.offset = 0
        this.partial = ''
      }
      if (size === this.offset) return false
      const buffer = Buffer.allocUnsafe(size - this.offset)
      const read = fs.readSync(this.fd, buffer, 0, buffer.length, this.offset)
      this.offset += read
      const lines = (this.partial + buffer.toString('latin1', 0, read)).split('\n')
      this.partial = lines.pop()!
      // A later line for the same action wins (a put may replace a record).
      for (const line of lines) if (line.length > 64) this.entries.set(line.slice(0, 64), line)
      return true
    } catch {
      // No list (an older daemon, or none): every get goes to the daemon.
      this.gone = true
      return false
    }
  }
}
