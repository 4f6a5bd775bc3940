// Size accounting for the local store. Go trims nothing when GOCACHEPROG is set, so we do:
// least recently used outputs go first, at most once per interval, and never a file handed
// to Go in this session or used so recently that another live process may hold it.

import * as fs from 'node:fs/promises'
import * as path from 'node:path'

export interface TrimOptions {
  maxBytes: number
  /** Output names (hex) handed out this session. */
  inUse: ReadonlySet<string>
  /** Files used this recently stay, whatever the size. */
  protectMs?: number
  /** Skip the walk when the last trim was this recent. */
  intervalMs?: number
  now?: number
}

export interface TrimReport {
  totalBytes: number
  files: number
  removedBytes: number
  removedFiles: number
}

const STAMP = 'trim.txt'
const TMP_MAX_AGE_MS = 60 * 60 * 1000

export async function trimIfDue(
  dir: string,
  options: TrimOptions
): Promise<TrimReport | undefined> {
  const now = options.now ?? Date.now()
  const interval = options.intervalMs ?? 60 * 60 * 1000
  const stamp = path.join(dir, STAMP)
  try {
    const last = Number(await fs.readFile(stamp, 'utf8'))
    if (Number.isFinite(last) && now - last < interval) return undefined
  } catch {
    // No stamp yet: trim now.
  }
  await fs.writeFile(stamp, String(now))
  return trimStore(dir, options)
}

export async function trimStore(dir: string, options: TrimOptions): Promise<TrimReport> {
  const now = options.now ?? Date.now()
  const protectMs = options.protectMs ?? 2 * 60 * 60 * 1000
  const files: { file: string; name: string; size: number; mtimeMs: number }[] = []
  const outputs = path.join(dir, 'o')
  for (const shard of await readdirOrEmpty(outputs)) {
    const shardDir = path.join(outputs, shard)
    for (const name of await readdirOrEmpty(shardDir)) {
      const file = path.join(shardDir, name)
      const stat = await fs.stat(file).catch(() => undefined)
      if (stat?.isFile()) files.push({ file, name, size: stat.size, mtimeMs: stat.mtimeMs })
    }
  }
  let totalBytes = files.reduce((sum, f) => sum + f.size, 0)
  const report: TrimReport = { totalBytes, files: files.length, removedBytes: 0, removedFiles: 0 }
  if (totalBytes > options.maxBytes) {
    files.sort((a, b) => a.mtimeMs - b.mtimeMs)
    for (const f of files) {
      if (totalBytes <= options.maxBytes) break
      if (options.inUse.has(f.name) || now - f.mtimeMs < protectMs) continue
      await fs.rm(f.file, { force: true })
      totalBytes -= f.size
      report.removedBytes += f.size
      report.removedFiles++
    }
    report.totalBytes = totalBytes
  }
  await removeStaleTemporaries(path.join(dir, 'tmp'), now)
  return report
}

/** Files left in tmp/ by a process that died mid-put. */
async function removeStaleTemporaries(tmpDir: string, now: number): Promise<void> {
  for (const name of await readdirOrEmpty(tmpDir)) {
    const file = path.join(tmpDir, name)
    const stat = await fs.stat(file).catch(() => undefined)
    if (stat && now - stat.mtimeMs > TMP_MAX_AGE_MS) await fs.rm(file, { force: true })
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch(() => [])
}
