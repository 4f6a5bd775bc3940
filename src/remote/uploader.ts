// Uploads with bounded concurrency and one backoff shared by all of them: when the service
// says "429, retry after N s", every upload waits, not only the one that was refused.

import type { EntryKind, RemoteBackend, UploadResult } from './backend.js'
import { sleep } from '../util/sleep.js'
import type { RemoteStats } from './remote-stats.js'

const MAX_ATTEMPTS = 6
const ERROR_RETRIES = 2

export class Uploader {
  private backoffUntil = 0
  private active = 0
  private readonly slotWaiters: (() => void)[] = []

  constructor(
    private readonly backend: RemoteBackend,
    private readonly stats: RemoteStats,
    private readonly concurrency: number
  ) {}

  /** Uploads until saved or found existing; throws when the service keeps refusing. */
  async upload(key: string, file: string, kind: EntryKind): Promise<UploadResult> {
    let errors = 0
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await this.acquire()
      let result: UploadResult
      try {
        // Checked with the slot held: an upload that queued for a slot before a 429 arrived
        // must still wait out the Retry-After, not spend an attempt into the same limit.
        for (let wait; (wait = this.backoffUntil - Date.now()) > 0;) await sleep(wait)
        this.stats.requests++
        result = await this.backend.upload(key, file, kind, () => void this.stats.requests++)
      } catch (err) {
        this.stats.failedRequests++
        if (++errors > ERROR_RETRIES) throw err
        await sleep(250 * 2 ** errors)
        continue
      } finally {
        this.release()
      }
      if (result.status !== 'rate-limited') return result
      this.stats.rateLimited++
      this.backoffUntil = Math.max(this.backoffUntil, Date.now() + result.retryAfterMs)
    }
    throw new Error(`${key}: still rate-limited after ${MAX_ATTEMPTS} attempts`)
  }

  private async acquire(): Promise<void> {
    while (this.active >= this.concurrency) {
      await new Promise<void>(resolve => this.slotWaiters.push(resolve))
    }
    this.active++
  }

  private release(): void {
    this.active--
    this.slotWaiters.shift()?.()
  }
}
