// One text line per cache entry, appended in batches. Shared by the store's record log and
// the daemon's verified list: "<action hex> <output hex> <size> <unix ms>\n".

import * as fs from 'node:fs'

export interface EntryLine {
  outputHex: string
  size: number
  timeMs: number
}

const LINE = /^([0-9a-f]{64}) ([0-9a-f]{64}) (\d+) (\d+)$/

export function formatEntryLine(actionHex: string, entry: EntryLine): string {
  return `${actionHex} ${entry.outputHex} ${entry.size} ${entry.timeMs}\n`
}

/** Adds every whole, well-formed line of `text` to `into` (a later line wins); skips the rest. */
export function parseEntryLines(lines: string[], into: Map<string, EntryLine>): void {
  for (const line of lines) {
    const m = LINE.exec(line)
    if (m) into.set(m[1], { outputHex: m[2], size: Number(m[3]), timeMs: Number(m[4]) })
  }
}

/** Appends lines with one write per tick, however many entries came in it. */
export class EntryAppender {
  private pending = ''
  private scheduled = false
  private fd?: number

  /** `fresh` starts the file over; otherwise lines go after what is there. */
  constructor(
    readonly file: string,
    fresh: boolean,
    private readonly onFailure: (err: Error) => void = () => {}
  ) {
    this.fd = fs.openSync(file, fresh ? 'w' : 'a')
  }

  add(actionHex: string, entry: EntryLine): void {
    if (this.fd === undefined) return
    this.pending += formatEntryLine(actionHex, entry)
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
    } catch (err) {
      this.close()
      this.onFailure(err as Error)
    }
  }

  close(): void {
    this.flush()
    if (this.fd === undefined) return
    fs.closeSync(this.fd)
    this.fd = undefined
  }
}
