// "N new entries per minute per repository": a sliding 60 s window of accepted creations.

const WINDOW_MS = 60_000

export class RateLimiter {
  private readonly windows = new Map<string, number[]>()

  /**
   * Records one creation for repo and returns 0, or, when limit creations already happened
   * in the last minute, records nothing and returns the seconds until one falls out.
   */
  admit(repo: string, limit: number, now = Date.now()): number {
    const times = (this.windows.get(repo) ?? []).filter(t => t > now - WINDOW_MS)
    this.windows.set(repo, times)
    if (limit > 0 && times.length >= limit) {
      return Math.max(1, Math.ceil((times[times.length - limit] + WINDOW_MS - now) / 1000))
    }
    times.push(now)
    return 0
  }
}
