// Times derived from content: the same git object id gives the same time on every runner,
// and a different id a different time, so Go's test cache (which keys a file a test opened
// by size, mode and modification time) sees a content change even when the size stays.

import { createHash } from 'node:crypto'

/** 1980-01-01T00:00:00Z: the oldest time zip and FAT can hold; every derived time is later. */
const EPOCH_SECONDS = Date.UTC(1980, 0, 1) / 1000

/**
 * Seconds since the Unix epoch (with a fraction) for an object id in hex (SHA-1 or SHA-256).
 * 30 bits of the id give the second (1980 to 2014: always in the past, so Go never finds
 * the file "too new" to cache) and 20 more the microsecond. Two contents of the same size
 * then share a time with odds of 2^-50 where whole seconds alone would give 2^-30; a shared
 * time would be a wrong "(cached)". The microsecond is centred (+0.5 µs) because libuv turns
 * the double into a timespec by truncating: the centre lands on the intended microsecond
 * (or 100 ns tick on Windows) whatever the double's rounding.
 */
export function timeFromId(hex: string): number {
  const seconds = EPOCH_SECONDS + (parseInt(hex.slice(0, 8), 16) >>> 2)
  const micros = parseInt(hex.slice(8, 13), 16) % 1_000_000
  return seconds + (micros + 0.5) / 1e6
}

/** One tracked entry of a directory, as git's index lists it. */
export interface TreeEntry {
  name: string
  /** Octal, as git prints it: 100644, 100755, 120000, 160000, or 40000 for a directory. */
  mode: string
  id: string
}

/**
 * An id for a directory from its tracked entries (sub-directories by their own ids), in the
 * spirit of a git tree id: it changes whenever a tracked name, mode or content below it does.
 * It need not equal git's tree id (nothing compares them), only be stable.
 */
export function directoryId(entries: TreeEntry[]): string {
  const lines = entries.map(entry => `${entry.mode} ${entry.id} ${entry.name}`)
  // Code-unit order: the same on every runner, whatever the locale.
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return createHash('sha1').update(lines.join('\0')).digest('hex')
}
