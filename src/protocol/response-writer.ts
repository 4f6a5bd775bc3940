import type { Writable } from 'node:stream'
import { encodeResponse, type Response } from './types.js'

/** Writes answer lines; those produced in the same turn of the event loop go out as one write. */
export class ResponseWriter {
  private batch: string[] = []
  private scheduled = false
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

  /** Forwards a line that is already encoded (the bridge relaying the daemon's answers). */
  sendLine(line: string): void {
    if (this.broken) return
    this.batch.push(line)
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => this.flush())
    }
  }

  private flush(): void {
    this.scheduled = false
    if (this.batch.length === 0 || this.broken) return
    const text = this.batch.length === 1 ? this.batch[0] : this.batch.join('')
    this.batch = []
    this.output.write(text)
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
