// The daemon's list of entries it has verified this session, read by the connect bridges.
//
// Every get otherwise crosses two processes (Go → bridge → daemon and back), and on two
// cores each hop waits for the scheduler. The daemon appends one line per entry whose bytes
// it hashed or wrote itself; a bridge answers a get listed there at once, still forwarding
// the request so the daemon counts it and keeps its bookkeeping. Only the daemon's own
// session is trusted: it starts the list empty, and a bridge checks the file's size too.
//
// Line format: "<action hex> <output hex> <size> <unix ms>\n"; a later line for the same
// action wins (a put may replace a record).

import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

export interface VerifiedEntry {
  outputHex: string
  size: number
  timeMs: number
}

/** One list per daemon (named after its socket): daemons sharing a store keep their own. */
export function verifiedLogPath(storeDir: string, socketAddress: string): string {
  const tag = createHash('sha256').update(socketAddress).digest('hex').slice(0, 16)
  return path.join(path.resolve(storeDir), `verified-${tag}.log`)
}

/** Appends lines in batches: one write per tick, however many entries landed in it. */
export class VerifiedLogWriter {
  private pending = ''
  private scheduled = false
  private fd?: number
  /** What each listed action's line said: the same entry is not listed twice. */
  private readonly listed = new Map<string, string>()

  constructor(readonly file: string) {
    // Whatever a previous daemon verified is not ours to vouch for.
    this.fd = fs.openSync(file, 'w')
  }

  add(actionHex: string, entry: VerifiedEntry): void {
    if (this.fd === undefined || this.listed.get(actionHex) === entry.outputHex) return
    this.listed.set(actionHex, entry.outputHex)
    this.pending += `${actionHex} ${entry.outputHex} ${entry.size} ${entry.timeMs}\n`
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => this.flush())
  }

  flush(): void {
    this.scheduled = false
    if (this.fd === undefined || !this.pending) return
    const text = this.pending
    this.pending = ''
    try {
      fs.writeSync(this.fd, text)
    } catch {
      // Only an accelerator: without it bridges ask the daemon, as before.
      this.close()
    }
  }

  /** Stops vouching: bridges still running find no list and ask the daemon. */
  close(): void {
    if (this.fd === undefined) return
    fs.closeSync(this.fd)
    this.fd = undefined
    fs.rmSync(this.file, { force: true })
  }
}

const LINE = /^([0-9a-f]{64}) ([0-9a-f]{64}) (\d+) (\d+)$/

/** A bridge's view of the list: read once, then only what was appended since. */
export class VerifiedLogReader {
  private readonly entries = new Map<string, VerifiedEntry>()
  private offset = 0
  private partial = ''
  private fd?: number
  private gone = false

  constructor(private readonly file: string) {}

  lookup(actionHex: string): VerifiedEntry | undefined {
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
      for (const line of lines) {
        const m = LINE.exec(line)
        if (m) this.entries.set(m[1], { outputHex: m[2], size: Number(m[3]), timeMs: Number(m[4]) })
      }
      return true
    } catch {
      // No list (an older daemon, or none): every get goes to the daemon.
      this.gone = true
      return false
    }
  }
}
