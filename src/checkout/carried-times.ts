// Paths a job's tests changed the time of keep that time in the next job. A test that
// creates and removes a scratch file in its own testdata/ leaves the directory as checked out
// but with the time of the run; one that sets a file's time (caddy's fileserver tests do)
// leaves the file as checked out with that time. Go keys the result by the stat it sees
// *after* the test, and a fresh checkout gives those paths their derived times, which never
// match: such a test would run on every job. So the flush records each tracked path whose
// time is no longer the derived one (path, content id, exact time), the index carries the
// records, and the next main step gives that time back to the path with the same content.
// A file whose content is not the committed one is never recorded: its time belongs to other
// content. A directory is safe whatever it holds, since Go hashes each entry's stat with it.

import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { childRepositories, directoryIds, isPlainFile } from './content-times.js'
import { timeFromId } from './derived-time.js'
import { LIST_INDEX, notARepository, parseIndex, runGit, type IndexEntry } from './git-index.js'

/** A path relative to the workspace ('/'-separated), its content id, its time in ns (decimal). */
export type CarriedTime = [path: string, id: string, mtimeNs: string]

/** An index carries at most this many: the paths tests change the times of are few. */
export const MAX_CARRIED = 1000

/**
 * Derived times lie between 1980 and 2014, a run's decades later; a test that sets a time of
 * its own picks one far from them too. An hour apart tells them apart on any file system,
 * even one that keeps whole seconds (or FAT's two) of the derived time.
 */
const APART_NS = 3_600_000_000_000n

/**
 * Tracked directories, and tracked files whose content is as committed, whose time is not the
 * one derived from their content; directories first when there are too many.
 */
export async function touchedPaths(workspace: string): Promise<CarriedTime[]> {
  const dirs: CarriedTime[] = []
  const files: CarriedTime[] = []
  for (const { root, entries } of await workTrees(workspace)) {
    // Relative: a container job or another runner may check out the same tree elsewhere.
    const relative = (p: string) =>
      path.relative(workspace, path.join(root, p)).split(path.sep).join('/') || '.'
    for (const [dir, id] of directoryIds(entries)) {
      const ns = changedTime(path.join(root, dir), id, true)
      if (ns) dirs.push([relative(dir), id, ns])
    }
    // git quotes or refuses names with quotes and line breaks on --stdin-paths: leave them.
    const candidates = entries
      .filter(e => isPlainFile(e) && !/^"|[\r\n]/.test(e.path))
      .map(e => ({ entry: e, ns: changedTime(path.join(root, e.path), e.id, false) }))
      .filter(c => c.ns)
    if (candidates.length === 0) continue
    // Only content as committed may pass its time on (git diff-files would list every file
    // whose stat changed, i.e. all of them): hash the few candidates as `git add` would.
    const hashed = await runGit(
      ['hash-object', '--stdin-paths'],
      root,
      candidates.map(c => c.entry.path).join('\n') + '\n'
    )
    if (hashed.code !== 0) continue
    const ids = hashed.stdout.toString('utf8').trim().split('\n')
    candidates.forEach(({ entry, ns }, i) => {
      // The same time after hashing as before: nothing wrote the file in between.
      const same = changedTime(path.join(root, entry.path), entry.id, false) === ns
      if (ids[i] === entry.id && same) files.push([relative(entry.path), entry.id, ns as string])
    })
  }
  const byPath = (a: CarriedTime, b: CarriedTime) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)
  return [...dirs.sort(byPath), ...files.sort(byPath)].slice(0, MAX_CARRIED)
}

/** The path's time in ns when it is far from the one derived from `id`; false otherwise. */
function changedTime(file: string, id: string, isDir: boolean): string | false {
  const stat = fs.lstatSync(file, { bigint: true, throwIfNoEntry: false })
  if (!stat || (isDir ? !stat.isDirectory() : !stat.isFile())) return false
  const apart = stat.mtimeNs - BigInt(Math.round(timeFromId(id) * 1e6)) * 1000n
  return apart > APART_NS || apart < -APART_NS ? stat.mtimeNs.toString() : false
}

/** The tracked entries of the workspace's work tree, else of the repositories one level down. */
async function workTrees(workspace: string): Promise<{ root: string; entries: IndexEntry[] }[]> {
  // As setContentTimes chooses: checkouts with `path:` sit in folders of the workspace.
  const own = await runGit(LIST_INDEX, workspace)
  const ownEntries = own.code === 0 ? parseIndex(own.stdout) : []
  if (ownEntries.length > 0) return [{ root: workspace, entries: ownEntries }]
  if (!notARepository(own) && own.code !== 0) return []
  const trees = []
  for (const root of childRepositories(workspace)) {
    const listed = await runGit(LIST_INDEX, root)
    if (listed.code === 0) trees.push({ root, entries: parseIndex(listed.stdout) })
  }
  return trees
}

export interface CarryReport {
  /** Paths given the time a test left them with in an earlier job. */
  applied: number
  /** Why none or not all were, when something went wrong. */
  problem?: string
}

/**
 * Gives each path of `derived` (absolute path → the content id main gave it a time from) the
 * time a record for the same path below `workspace` and the same id carries. Node sets times
 * through a double (~240 ns steps) while Go compares nanoseconds, so `touch` sets them; each
 * is read back, and one that did not take gets its derived time again.
 */
export function applyCarriedTimes(
  records: CarriedTime[],
  workspace: string,
  derived: ReadonlyMap<string, string>,
  { platform = process.platform, env = process.env } = {}
): CarryReport {
  const wanted = records
    .map(([relative, id, ns]): CarriedTime => [path.join(workspace, relative), id, ns])
    .filter(([file, id]) => derived.get(file) === id)
  if (wanted.length === 0) return { applied: 0 }
  // Windows keeps 100 ns ticks and has no touch; there such tests keep re-running.
  if (platform === 'win32') return { applied: 0, problem: 'not done on Windows' }
  const args: string[] = []
  for (const [file, , ns] of wanted) args.push(isoTime(BigInt(ns)), file)
  const touched = spawnSync(
    'sh',
    // Every path is tried: each one's time is read back below.
    [
      '-c',
      's=0; while [ $# -gt 1 ]; do touch -d "$1" -- "$2" || s=1; shift 2; done; exit $s',
      'sh',
      ...args
    ],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], env, timeout: 30_000 }
  )
  let applied = 0
  let problem = touched.error
    ? `touch could not run: ${touched.error.message}`
    : touched.status !== 0
      ? `touch failed: ${touched.stderr.trim().split('\n')[0]}`
      : undefined
  for (const [file, id, ns] of wanted) {
    const stat = fs.lstatSync(file, { bigint: true, throwIfNoEntry: false })
    if (stat?.mtimeNs === BigInt(ns)) {
      applied++
      continue
    }
    problem ??= `touch did not set the exact time of ${file}`
    try {
      fs.lutimesSync(file, timeFromId(id), timeFromId(id))
    } catch {
      // Gone: nothing to put back.
    }
  }
  return { applied, problem }
}

/** "2026-12-07T17:48:02.449746026Z": the form GNU and BSD touch -d both read, to the ns. */
export function isoTime(ns: bigint): string {
  const seconds = ns / 1_000_000_000n
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, '0')
  return new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, `.${fraction}Z`)
}

/** Keeps the well-formed records of an index (it is data from the cache: never trusted). */
export function validCarriedTimes(value: unknown): CarriedTime[] {
  if (!Array.isArray(value)) return []
  return value
    .filter(
      (r): r is CarriedTime =>
        Array.isArray(r) &&
        r.length === 3 &&
        typeof r[0] === 'string' &&
        r[0] !== '' &&
        !path.posix.isAbsolute(r[0]) &&
        !path.win32.isAbsolute(r[0]) &&
        !r[0].split('/').includes('..') &&
        typeof r[1] === 'string' &&
        /^[0-9a-f]{40,64}$/.test(r[1]) &&
        typeof r[2] === 'string' &&
        /^\d{1,20}$/.test(r[2])
    )
    .slice(0, MAX_CARRIED)
}
