// The bridge's view of the daemon's verified list (written by VerifiedLogWriter in
// src/store/verified-log.ts): read once, then only what was appended since. Like
// VerifiedLogReader, without node:crypto (verified-log.ts loads it for the file name), and
// a line is only parsed when Go asks for its action: a go command asks for a fraction of
// a list that holds every entry of the job so far.

import * as fs from 'node:fs'
import { parseEntryLines, type EntryLine } from '../store/entry-lines.js'

export class VerifiedListReader {
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
