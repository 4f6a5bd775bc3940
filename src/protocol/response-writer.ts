import type { Writable } from 'node:stream'
import { encodeResponse, type Response } from './types.js'

export interface HitFields {
  outputID: Buffer
  size: number
  time: Date
  diskPath: string
}

const encodedHits = new WeakMap<HitFields, string>()

/**
 * Writes answer lines at once, but those produced in the same tick go out as one write
 * (cork, then uncork on the next tick): latency is what a go command waits on.
 */
export class ResponseWriter {
  private corked = false
  private broken = false

  constructor(private readonly output: Writable) {
    output.on('error', () => {
      // The reader is gone (Go exited, a socket reset): answers have nowhere to go.
      this.broken = true
    })
  }

  send(res: Response): void {
    this.sendLine(encodeResponse(res))
  }

  /** A get hit; the same entry is served to many go commands, so its text is kept. */
  sendHit(id: number, hit: HitFields): void {
    let tail = encodedHits.get(hit)
    if (tail === undefined) {
      const line = encodeResponse({
        ID: 0,
        OutputID: hit.outputID,
        Size: hit.size,
        Time: hit.time,
        DiskPath: hit.diskPath
      })
      tail = line.slice(line.indexOf(','))
      encodedHits.set(hit, tail)
    }
    this.sendLine(`{"ID":${id}${tail}`)
  }

  /** Forwards a line that is already encoded (the bridge relaying the daemon's answers). */
  sendLine(line: string): void {
    if (this.broken) return
    if (!this.corked) {
      this.corked = true
      this.output.cork()
      process.nextTick(() => this.flush())
    }
    this.output.write(line)
  }

  private flush(): void {
    if (!this.corked) return
    this.corked = false
    this.output.uncork()
  }

  /** Flushes everything; ends the output unless `keepOpen` (process.stdout closes at exit). */
  end(keepOpen: boolean): Promise<void> {
    this.flush()
    return new Promise(resolve => {
      if (this.broken || this.output.writableEnded || this.output.destroyed) return resolve()
      this.output.once('error', () => resolve())
      if (keepOpen) this.output.write('', () => resolve())
      else this.output.end(() => resolve())
    })
  }
}
