// The cache's index: finalized entries and pending reservations, per repository and scope,
// with the service's matching rules and its eviction (unused for a while, or over the cap).

export interface Entry {
  id: number
  repo: string
  scope: string
  key: string
  version: string
  size: number
  /** Name of the blob that holds the archive. */
  blob: string
  created: number
  lastAccess: number
}

export interface Reservation {
  repo: string
  scope: string
  key: string
  version: string
  blob: string
  /** When its upload URL expires; afterwards another creation of the same key may take over. */
  expires: number
}

const slot = (repo: string, scope: string, key: string, version: string) =>
  JSON.stringify([repo, scope, key, version])

export class EntryIndex {
  private readonly entries = new Map<string, Entry>()
  private readonly reservations = new Map<string, Reservation>()
  private readonly committedBlobs = new Set<string>()
  // Ids grow with each commit, so the highest id is the newest entry, even within one ms.
  private nextId = 1

  /**
   * Finds the entry a restore gets: in each scope in turn, the exact key, then the newest
   * entry whose key starts with it, then the same for each restore key.
   */
  find(repo: string, scopes: string[], keys: string[], version: string): Entry | undefined {
    for (const scope of scopes) {
      const candidates = [...this.entries.values()].filter(
        e => e.repo === repo && e.scope === scope && e.version === version
      )
      for (const key of keys) {
        const exact = candidates.find(e => e.key === key)
        if (exact) return exact
        let newest: Entry | undefined
        for (const e of candidates) {
          if (e.key.startsWith(key) && (!newest || e.id > newest.id)) newest = e
        }
        if (newest) return newest
      }
    }
    return undefined
  }

  /** Reserves a key for upload; false when the entry exists or a live reservation holds it. */
  reserve(r: Reservation, now: number): { ok: true; replaced?: Reservation } | { ok: false } {
    const id = slot(r.repo, r.scope, r.key, r.version)
    if (this.entries.has(id)) return { ok: false }
    const held = this.reservations.get(id)
    if (held && held.expires > now) return { ok: false }
    this.reservations.set(id, r)
    return { ok: true, replaced: held }
  }

  reservation(repo: string, scope: string, key: string, version: string): Reservation | undefined {
    return this.reservations.get(slot(repo, scope, key, version))
  }

  exists(repo: string, scope: string, key: string, version: string): boolean {
    return this.entries.has(slot(repo, scope, key, version))
  }

  /** Turns a reservation into an immutable entry. */
  commit(r: Reservation, size: number, now: number): Entry {
    const id = slot(r.repo, r.scope, r.key, r.version)
    this.reservations.delete(id)
    const entry: Entry = {
      id: this.nextId++,
      repo: r.repo,
      scope: r.scope,
      key: r.key,
      version: r.version,
      size,
      blob: r.blob,
      created: now,
      lastAccess: now
    }
    this.entries.set(id, entry)
    this.committedBlobs.add(r.blob)
    return entry
  }

  /** True once the blob belongs to a finalized entry: its upload URL no longer writes. */
  isCommitted(blob: string): boolean {
    return this.committedBlobs.has(blob)
  }

  /** Whether the blob may be written: a live reservation holds it. */
  isReserved(blob: string): boolean {
    for (const r of this.reservations.values()) if (r.blob === blob) return true
    return false
  }

  /** Forgets reservations whose URL expired over graceMs ago: nothing will finalize them. */
  dropStaleReservations(now: number, graceMs: number): Reservation[] {
    const stale: Reservation[] = []
    for (const [id, r] of this.reservations) {
      if (r.expires < now - graceMs) {
        this.reservations.delete(id)
        stale.push(r)
      }
    }
    return stale
  }

  /** Drops the entries whose key starts with keyPrefix, as an eviction would; returns them. */
  remove(keyPrefix: string): Entry[] {
    return this.removeWhere(e => e.key.startsWith(keyPrefix))
  }

  /** Drops the entries the predicate picks (a REST delete, an eviction); returns them. */
  removeWhere(pick: (e: Entry) => boolean): Entry[] {
    const gone: Entry[] = []
    for (const [id, e] of this.entries) {
      if (!pick(e)) continue
      this.entries.delete(id)
      this.committedBlobs.delete(e.blob)
      gone.push(e)
    }
    return gone.sort((a, b) => a.id - b.id)
  }

  /** The entries whose key starts with keyPrefix, left in place. */
  matching(keyPrefix: string): Entry[] {
    return [...this.entries.values()].filter(e => e.key.startsWith(keyPrefix))
  }

  list(): Entry[] {
    return [...this.entries.values()].sort((a, b) => a.id - b.id)
  }

  /** Removes entries unused for ttlMs, then least recently used ones past maxBytes per repo. */
  evict(now: number, ttlMs: number, maxBytes: number): Entry[] {
    const evicted: Entry[] = []
    const drop = (id: string, e: Entry) => {
      this.entries.delete(id)
      this.committedBlobs.delete(e.blob)
      evicted.push(e)
    }
    if (ttlMs > 0) {
      for (const [id, e] of this.entries) if (now - e.lastAccess > ttlMs) drop(id, e)
    }
    if (maxBytes > 0) {
      const byRepo = new Map<string, [string, Entry][]>()
      for (const pair of this.entries) {
        const list = byRepo.get(pair[1].repo) ?? []
        list.push(pair)
        byRepo.set(pair[1].repo, list)
      }
      for (const list of byRepo.values()) {
        let total = list.reduce((n, [, e]) => n + e.size, 0)
        list.sort(([, a], [, b]) => a.lastAccess - b.lastAccess || a.id - b.id)
        for (const [id, e] of list) {
          if (total <= maxBytes) break
          total -= e.size
          drop(id, e)
        }
      }
    }
    return evicted
  }
}
