// "N new entries per minute per repository": a sliding window (a minute by default) of
// accepted creations.

export class RateLimiter {
  private readonly windows = new Map<string, number[]>()

  /**
   * Records one creation for repo and returns 0, or, when limit creations already happened
   * in the last windowMs, records nothing and returns the seconds until one falls out.
   */
  admit(repo: string, limit: number, windowMs: number, now: number): number {
    const times = (this.windows.get(repo) ?? []).filter(t => t > now - windowMs)
    this.windows.set(repo, times)
    if (limit > 0 && times.length >= limit) {
      return Math.max(1, Math.ceil((times[times.length - limit] + windowMs - now) / 1000))
    }
    times.push(now)
    return 0
  }
}
