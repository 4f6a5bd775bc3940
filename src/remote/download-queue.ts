// Runs bundle downloads a few at a time, in prefetch order, and lets a get that is waiting
// for a bundle jump to the front of the line.

export class DownloadQueue<T> {
  private readonly waiting: T[] = []
  private readonly results = new Map<T, Promise<boolean>>()
  private readonly resolvers = new Map<T, (ok: boolean) => void>()
  private active = 0

  constructor(
    private readonly concurrency: number,
    private readonly load: (item: T) => Promise<boolean>
  ) {}

  /** Queues an item at the back (prefetch); returns the promise of its outcome. */
  enqueue(item: T): Promise<boolean> {
    let result = this.results.get(item)
    if (!result) {
      result = new Promise<boolean>(resolve => this.resolvers.set(item, resolve))
      this.results.set(item, result)
      this.waiting.push(item)
      this.pump()
    }
    return result
  }

  /** Queues or moves an item to the front: someone is waiting for it now. */
  urgent(item: T): Promise<boolean> {
    const result = this.enqueue(item)
    const at = this.waiting.indexOf(item)
    if (at > 0) {
      this.waiting.splice(at, 1)
      this.waiting.unshift(item)
    }
    return result
  }

  /** Once an item's outcome is known, forgets it and queues the item again at the back. */
  retry(item: T): Promise<boolean> {
    if (!this.resolvers.has(item)) this.results.delete(item)
    return this.enqueue(item)
  }

  private pump(): void {
    // Start on the next tick so that an urgent() right after enqueue() can reorder first.
    queueMicrotask(() => {
      while (this.active < this.concurrency && this.waiting.length > 0) {
        const item = this.waiting.shift()!
        this.active++
        this.load(item)
          .catch(() => false)
          .then(ok => {
            this.active--
            this.resolvers.get(item)?.(ok)
            this.resolvers.delete(item)
            this.pump()
          })
      }
    })
  }
}
