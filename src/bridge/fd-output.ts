// The bridge's stdout as plain write(2) calls on fd 1, in the shape ResponseWriter uses.
//
// A get the bridge answers from the verified list costs one write to Go. Through a
// net.Socket (process.stdout) that write also runs Node's stream machinery (cork, writev,
// write requests, callbacks): about half of the bridge's CPU per answered get in a profile
// of `go vet`, on the two cores go is using. Go hands us a blocking pipe and reads it all the
// time, so writing it synchronously costs only the system call. Closing fd 1 ourselves also
// lets Go go on as soon as everything is answered (process.stdout closes only at exit).

import * as fs from 'node:fs'
import type { Writable } from 'node:stream'

export class FdOutput {
  writableEnded = false
  destroyed = false
  private corks = 0
  private pending = ''
  private onError?: (err: Error) => void

  constructor(private readonly fd: number) {}

  on(event: string, listener: (err: Error) => void): this {
    if (event === 'error') this.onError = listener
    return this
  }

  once(event: string, listener: (err: Error) => void): this {
    return this.on(event, listener)
  }

  cork(): void {
    this.corks++
  }

  uncork(): void {
    if (this.corks > 0 && --this.corks === 0) this.flush()
  }

  write(text: string, callback?: () => void): boolean {
    if (this.corks > 0) this.pending += text
    else this.writeNow(text)
    callback?.()
    return true
  }

  end(callback?: () => void): void {
    this.corks = 0
    this.flush()
    if (!this.writableEnded) {
      this.writableEnded = true
      try {
        fs.closeSync(this.fd)
        // Keep the number taken: nothing opened later may become "stdout" by accident.
        if (this.fd <= 2) fs.openSync('/dev/null', 'w')
      } catch {
        // Already closed: Go is gone.
      }
    }
    callback?.()
  }

  private flush(): void {
    const text = this.pending
    this.pending = ''
    if (text) this.writeNow(text)
  }

  private writeNow(text: string): void {
    if (this.destroyed || this.writableEnded) return
    let data = Buffer.from(text)
    try {
      while (data.length > 0) {
        let written: number
        try {
          written = fs.writeSync(this.fd, data)
        } catch (err) {
          // Someone made the pipe non-blocking and it is full: wait for Go to read.
          if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1)
          continue
        }
        data = data.subarray(written)
      }
    } catch (err) {
      // Go is gone (EPIPE): answers have nowhere to go.
      this.destroyed = true
      this.onError?.(err as Error)
    }
  }
}

/** Stdout as an FdOutput where fd 1 is a pipe or socket (not on Windows), else process.stdout. */
export function protocolOutput(): Writable {
  if (process.platform === 'win32') return process.stdout
  try {
    const stat = fs.fstatSync(1)
    if (!stat.isFIFO() && !stat.isSocket()) return process.stdout
  } catch {
    return process.stdout
  }
  return new FdOutput(1) as unknown as Writable
}
