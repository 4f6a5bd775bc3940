// The bridge's view of the daemon's verified list (written by VerifiedLogWriter in
// src/store/verified-log.ts): read once, then only what was appended since. A copy of
// VerifiedLogReader that does not load node:crypto (verified-log.ts does, for the file name).

import * as fs from 'node:fs'
import { parseEntryLines, type EntryLine } from '../store/entry-lines.js'

export class VerifiedListReader {
  private readonly entries = new Map<string, EntryLine>()
  private offset = 0
  private partial = ''
  private fd?: number
  private gone = false

  constructor(private readonly file: string) {}

  lookup(actionHex: string): EntryLine | undefined {
    return this.entries.get(actionHex) ?? (this.refresh() ? this.entries.get(actionHex) : undefined)
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
      parseEntryLines(lines, this.entries)
      return true
    } catch {
      // No list (an older daemon, or none): every get goes to the daemon.
      this.gone = true
      return false
    }
  }
}
