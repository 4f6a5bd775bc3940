// A shared bandwidth cap: every transfer in one direction draws from the same budget, like
// a runner's network link, so concurrent block uploads do not multiply the speed.

import { setTimeout as sleep } from 'node:timers/promises'

export { sleep }

export class Bandwidth {
  private nextFree = 0

  constructor(private readonly rate: () => number) {}

  /** Resolves once n more bytes may pass. */
  async take(n: number): Promise<void> {
    const rate = this.rate()
    if (rate <= 0 || n <= 0) return
    const now = performance.now()
    this.nextFree = Math.max(now, this.nextFree) + (n / rate) * 1000
    const wait = this.nextFree - now
    if (wait >= 1) await sleep(wait)
  }

  /**
   * Read size for sending: small enough that bytes keep flowing several times a second
   * (the client aborts a download whose socket is idle for 5 s).
   */
  chunkSize(): number {
    const rate = this.rate()
    if (rate <= 0) return 256 * 1024
    return Math.max(1024, Math.min(64 * 1024, Math.floor(rate / 20)))
  }
}
