// Gives every git-tracked, unmodified regular file of the workspace, and every directory
// holding tracked files, a modification time derived from its content. A checkout writes
// every file with the time of the checkout; Go's test cache keys a test by the size, mode
// and time of each file (and directory listing) it read, so without this every such test
// re-runs on every fresh clone. Files git cannot vouch for keep their times.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { directoryId, timeFromId, type TreeEntry } from './derived-time.js'
import {
  LIST_INDEX,
  LIST_MODIFIED,
  notARepository,
  parseIndex,
  parsePaths,
  runGit,
  type IndexEntry
} from './git-index.js'

export interface ContentTimesReport {
  /** Work trees handled: the workspace's, or the repositories one level below it. */
  repositories: number
  files: number
  dirs: number
  /** Tracked files that differ from the index: they keep their times. */
  modified: number
  /** A few of them, to name in the log. */
  modifiedPaths: string[]
  /** Tracked paths left alone otherwise: symlinks, submodules, skip-worktree, conflicts. */
  skipped: number
  /** Paths whose time could not be set (permissions, gone): they keep theirs. */
  failed: number
  ms: number
  /** Each file and directory given a time (absolute path) → the id it came from. */
  derivedIds: Map<string, string>
  /** Why nothing was done when that is normal (no repository here), for the log. */
  notes: string[]
  /** What went wrong (no git, git failed, a time that could not be set), for a notice. */
  problems: string[]
}

const REGULAR_MODES = new Set(['100644', '100755'])
const NAMED_MODIFIED = 10

export async function setContentTimes(workspace: string): Promise<ContentTimesReport> {
  const start = performance.now()
  const report: ContentTimesReport = {
    repositories: 0,
    files: 0,
    dirs: 0,
    modified: 0,
    modifiedPaths: [],
    skipped: 0,
    failed: 0,
    ms: 0,
    derivedIds: new Map(),
    notes: [],
    problems: []
  }
  try {
    // spawn reports a missing cwd as ENOENT, which would read as "no git".
    if (!fs.statSync(workspace).isDirectory()) throw new Error(`${workspace} is not a directory`)
    const handled = await workTree(workspace, report)
    if (!handled) {
      // actions/checkout with `path:` puts repositories in folders of the workspace.
      for (const child of childRepositories(workspace)) await workTree(child, report)
    }
    if (report.repositories === 0) {
      report.notes.push(
        `${workspace} is not in a git work tree (nor are its folders): file times left as they are`
      )
    }
  } catch (err) {
    report.problems.push(`${(err as Error).message}: file times not set`)
  }
  report.ms = performance.now() - start
  return report
}

/** Handles one work tree (or the part of one below dir); false when dir is in none. */
async function workTree(dir: string, report: ContentTimesReport): Promise<boolean> {
  // The two commands only read, so they run side by side.
  const [listed, differing] = await Promise.all([
    runGit(LIST_INDEX, dir),
    runGit(LIST_MODIFIED, dir)
  ])
  if (notARepository(listed)) return false
  for (const [result, command] of [
    [listed, LIST_INDEX],
    [differing, LIST_MODIFIED]
  ] as const) {
    if (result.code !== 0) {
      const message = result.stderr.trim().split('\n').pop() ?? `exit code ${result.code}`
      throw new Error(`git ${command.join(' ')} failed in ${dir}: ${message}`)
    }
  }
  const entries = parseIndex(listed.stdout)
  if (entries.length === 0) return false
  report.repositories++
  applyTimes(dir, entries, new Set(parsePaths(differing.stdout)), report)
  return true
}

function applyTimes(
  root: string,
  entries: IndexEntry[],
  modified: Set<string>,
  report: ContentTimesReport
): void {
  for (const entry of entries) {
    if (!isPlainFile(entry)) {
      report.skipped++
    } else if (modified.has(entry.path)) {
      report.modified++
      if (report.modifiedPaths.length < NAMED_MODIFIED) report.modifiedPaths.push(entry.path)
    } else if (setTime(root, entry.path, entry.id, report)) {
      report.files++
      report.derivedIds.set(path.join(root, entry.path), entry.id)
    }
  }
  // A directory's time is safe whatever it holds: Go hashes its listing (each name and
  // entry's stat) along with it, so untracked or modified entries still count.
  for (const [dir, id] of directoryIds(entries)) {
    if (setTime(root, dir, id, report)) {
      report.dirs++
      report.derivedIds.set(path.join(root, dir), id)
    }
  }
}

/** A regular file git compares with the work tree: the only kind that gets a derived time. */
export function isPlainFile(entry: IndexEntry): boolean {
  return entry.plain && REGULAR_MODES.has(entry.mode)
}

/**
 * Every directory holding tracked entries (relative, '' being the root) → its id from what it
 * holds, deepest first.
 */
export function directoryIds(entries: IndexEntry[]): Map<string, string> {
  // Every directory's tracked entries; files first, sub-directories below.
  const dirs = new Map<string, TreeEntry[]>([['', []]])
  const entriesOf = (dir: string): TreeEntry[] => {
    let list = dirs.get(dir)
    if (!list) {
      list = []
      dirs.set(dir, list)
      entriesOf(parentOf(dir))
    }
    return list
  }
  for (const entry of entries) {
    entriesOf(parentOf(entry.path)).push({
      name: baseName(entry.path),
      mode: entry.mode,
      id: entry.id
    })
  }
  // Deepest first, so that each directory's id is in its parent's entries before that one's.
  const ids = new Map<string, string>()
  const deepestFirst = [...dirs.keys()].sort((a, b) => depth(b) - depth(a))
  for (const dir of deepestFirst) {
    const id = directoryId(dirs.get(dir) as TreeEntry[])
    if (dir !== '') dirs.get(parentOf(dir))?.push({ name: baseName(dir), mode: '40000', id })
    ids.set(dir, id)
  }
  return ids
}

/** Sets atime and mtime without following a symbolic link; false when it did not. */
function setTime(root: string, relative: string, id: string, report: ContentTimesReport): boolean {
  const time = timeFromId(id)
  try {
    fs.lutimesSync(path.join(root, relative), time, time)
    return true
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    // Not checked out (a sparse checkout): nothing to set.
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      report.skipped++
    } else {
      if (report.failed === 0)
        report.problems.push(`could not set the time of ${relative}: ${code}`)
      report.failed++
    }
    return false
  }
}

export function childRepositories(workspace: string): string[] {
  try {
    return fs
      .readdirSync(workspace, { withFileTypes: true })
      .filter(
        entry => entry.isDirectory() && fs.existsSync(path.join(workspace, entry.name, '.git'))
      )
      .map(entry => path.join(workspace, entry.name))
      .sort()
  } catch {
    return []
  }
}

const parentOf = (relative: string) => {
  const slash = relative.lastIndexOf('/')
  return slash < 0 ? '' : relative.slice(0, slash)
}
const baseName = (relative: string) => relative.slice(relative.lastIndexOf('/') + 1)
const depth = (relative: string) => (relative === '' ? 0 : relative.split('/').length)
