// How index keys are spelled: shared by the daemon (saving, restoring) and the action (telling
// where a restored index came from), so it depends on nothing else.

import { createHash } from 'node:crypto'

/**
 * Index keys: `go-cache-index-` then `<readable level>-<hash>-` per scope level, then
 * `<time>-<random>[-<tag>]`. Each hash covers the levels up to its own, so one scope's prefix
 * never matches another's after the text is made key-safe (`a` and `a-b`), while a broader
 * scope's prefix is a prefix of all its narrower scopes' keys.
 */
export function indexPrefix(levels: string[]): string {
  const hash = createHash('sha256')
  let prefix = 'go-cache-index-'
  for (const level of levels) {
    hash.update(level + '\n')
    prefix += `${keySafe(level, 80)}-${hash.copy().digest('hex').slice(0, 12)}-`
  }
  return prefix
}

/**
 * Who owns the bundles a scope uploads: the ref (the cache service keeps each ref's entries
 * apart) and the index prefix. Only the owner deletes them (see cleanup.ts).
 */
export function ownerId(ref: string, indexPrefix: string): string {
  return createHash('sha256').update(`${ref}\n${indexPrefix}`).digest('hex').slice(0, 16)
}

/** Cache keys allow no commas; dashes separate the parts of ours. */
export function keySafe(text: string, max: number): string {
  return text.replace(/[^A-Za-z0-9._]+/g, '_').slice(0, max)
}
