// Content-derived file times (src/checkout) on real git repositories and shallow clones.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import {
  applyCarriedTimes,
  isoTime,
  touchedPaths,
  validCarriedTimes,
  type CarriedTime
} from '../src/checkout/carried-times.js'
import { setContentTimes } from '../src/checkout/content-times.js'
import { directoryId, timeFromId } from '../src/checkout/derived-time.js'
import { tempDir } from './helpers/tmp.js'

const IDENTITY = ['-c', 'user.name=t', '-c', 'user.email=t@example.com']
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', [...IDENTITY, ...args], { cwd, encoding: 'utf8' }).trim()

/** A repository with files (name → content), committed; returns its path. */
function repository(files: Record<string, string>): string {
  const dir = path.join(tempDir(), 'origin')
  fs.mkdirSync(dir)
  git(dir, 'init', '-q', '-b', 'main')
  writeFiles(dir, files)
  git(dir, 'add', '.')
  git(dir, 'commit', '-q', '-m', 'files')
  return dir
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), content)
  }
}

/** A depth-1 clone, as actions/checkout makes, at a new path (or the given one). */
function clone(origin: string, to = path.join(tempDir(), 'work')): string {
  fs.rmSync(to, { recursive: true, force: true })
  git(path.dirname(origin), 'clone', '-q', '--depth', '1', `file://${origin}`, to)
  return to
}

const mtime = (file: string) => fs.lstatSync(file, { bigint: true }).mtimeNs
const times = (root: string, names: string[]) =>
  Object.fromEntries(names.map(name => [name, mtime(path.join(root, name))]))
const blobId = (dir: string, name: string) => git(dir, 'rev-parse', `HEAD:${name}`)

const FILES = {
  'go.mod': 'module example.com/m\n',
  'data/a.txt': 'alpha\n',
  'data/b.txt': 'bravo\n',
  'data/deep/c.txt': 'charlie\n',
  'other/d.txt': 'delta\n'
}
const PATHS = [...Object.keys(FILES), '.', 'data', 'data/deep', 'other']

describe('content-derived file times', () => {
  it('gives the same content the same time in every clone, in the past', async () => {
    const origin = repository(FILES)
    const first = clone(origin)
    const report = await setContentTimes(first)
    expect(report).toMatchObject({ repositories: 1, files: 5, dirs: 4, modified: 0, failed: 0 })
    expect(report.problems).toEqual([])
    const second = clone(origin)
    await setContentTimes(second)
    expect(times(second, PATHS)).toEqual(times(first, PATHS))

    const expected = timeFromId(blobId(origin, 'data/a.txt'))
    expect(fs.statSync(path.join(first, 'data/a.txt')).mtimeMs).toBeCloseTo(expected * 1000, 2)
    expect(fs.statSync(path.join(first, 'data/a.txt')).atimeMs).toBeCloseTo(expected * 1000, 2)
    for (const name of PATHS) {
      expect(fs.statSync(path.join(first, name)).mtimeMs).toBeLessThan(Date.UTC(2015, 0, 1))
    }
    // Every path has its own time (a different id), directories included.
    expect(new Set(Object.values(times(first, PATHS))).size).toBe(PATHS.length)
  })

  it('a change of content at the same size changes the file and directory times', async () => {
    const origin = repository(FILES)
    const before = clone(origin)
    await setContentTimes(before)
    const old = times(before, PATHS)
    writeFiles(origin, { 'data/deep/c.txt': 'CHARLIE\n' })
    git(origin, 'commit', '-q', '-am', 'same size')
    const after = clone(origin, before)
    await setContentTimes(after)
    const changed = ['data/deep/c.txt', 'data/deep', 'data', '.']
    const now = times(after, PATHS)
    for (const name of PATHS) {
      if (changed.includes(name)) expect([name, now[name]]).not.toEqual([name, old[name]])
      else expect([name, now[name]]).toEqual([name, old[name]])
    }
  })

  it('leaves modified, untracked, ignored, skip-worktree and symlinked paths alone', async () => {
    const origin = repository({ ...FILES, '.gitignore': 'ignored.txt\n', 'skip.txt': 'skip\n' })
    fs.symlinkSync('data/a.txt', path.join(origin, 'link'))
    git(origin, 'add', 'link')
    git(origin, 'commit', '-q', '-m', 'link')
    const work = clone(origin)
    writeFiles(work, {
      'data/b.txt': 'BRAVO\n', // same size, modified in the work tree
      'untracked.txt': 'u\n',
      'ignored.txt': 'i\n',
      'skip.txt': 'SKIP\n'
    })
    git(work, 'update-index', '--skip-worktree', 'skip.txt')
    fs.rmSync(path.join(work, 'other/d.txt'))
    const alone = ['data/b.txt', 'untracked.txt', 'ignored.txt', 'skip.txt', 'link']
    const old = times(work, alone)
    const report = await setContentTimes(work)
    expect(times(work, alone)).toEqual(old)
    expect(report).toMatchObject({ files: 4, modified: 2, failed: 0 })
  })

  it('handles a workspace below the repository root: nothing outside it changes', async () => {
    const origin = repository(FILES)
    const work = clone(origin)
    const outside = times(work, ['go.mod', 'other/d.txt', 'other', '.'])
    const report = await setContentTimes(path.join(work, 'data'))
    expect(report).toMatchObject({ repositories: 1, files: 3, dirs: 2 })
    expect(times(work, ['go.mod', 'other/d.txt', 'other', '.'])).toEqual(outside)
    const full = clone(origin)
    await setContentTimes(full)
    expect(times(work, ['data/a.txt', 'data/deep/c.txt', 'data/deep', 'data'])).toEqual(
      times(full, ['data/a.txt', 'data/deep/c.txt', 'data/deep', 'data'])
    )
  })

  it('handles repositories one level below the workspace (checkout with path:)', async () => {
    const origin = repository(FILES)
    const workspace = tempDir()
    clone(origin, path.join(workspace, 'one'))
    clone(origin, path.join(workspace, 'two'))
    fs.mkdirSync(path.join(workspace, 'plain'))
    const before = mtime(workspace)
    const report = await setContentTimes(workspace)
    expect(report).toMatchObject({ repositories: 2, files: 10, dirs: 8, problems: [] })
    const [one, two] = ['one', 'two'].map(repo => [
      mtime(path.join(workspace, repo, 'data/a.txt')),
      mtime(path.join(workspace, repo, 'data'))
    ])
    expect(one).toEqual(two)
    expect(mtime(workspace)).toBe(before)
  })

  it('outside a repository it only says so; without git it is a problem, never an error', async () => {
    const plain = tempDir()
    writeFiles(plain, { 'a.txt': 'a\n' })
    const before = mtime(path.join(plain, 'a.txt'))
    const report = await setContentTimes(plain)
    expect(report).toMatchObject({ repositories: 0, files: 0, problems: [] })
    expect(report.notes.join()).toMatch(/is not in a git work tree/)
    expect(mtime(path.join(plain, 'a.txt'))).toBe(before)

    const work = clone(repository(FILES))
    const saved = process.env.PATH
    process.env.PATH = tempDir()
    try {
      const noGit = await setContentTimes(work)
      expect(noGit).toMatchObject({ repositories: 0, files: 0 })
      expect(noGit.problems).toEqual(['git is not on PATH: file times not set'])
    } finally {
      process.env.PATH = saved
    }
    const missing = await setContentTimes(path.join(plain, 'nowhere'))
    expect(missing.problems.join()).toMatch(/ENOENT/)
  })

  it('derives directory ids from names, modes and ids, in any order', () => {
    const a = { name: 'a', mode: '100644', id: 'aa' }
    const b = { name: 'b', mode: '40000', id: 'bb' }
    expect(directoryId([a, b])).toBe(directoryId([b, a]))
    expect(directoryId([a, b])).not.toBe(directoryId([a, { ...b, mode: '100644' }]))
    expect(directoryId([a])).not.toBe(directoryId([{ ...a, name: 'c' }]))
    // 30 bits of seconds from 1980, and a microsecond: the full range stays before 2015.
    expect(timeFromId('0'.repeat(40))).toBeCloseTo(Date.UTC(1980, 0, 1) / 1000, 5)
    expect(timeFromId('f'.repeat(40)) * 1000).toBeLessThan(Date.UTC(2015, 0, 1))
  })
})

describe('times tests left, carried to the next clone', () => {
  const NS = 1796665682449746026n

  it('writes times as touch -d reads them, to the nanosecond', () => {
    expect(isoTime(NS)).toBe('2026-12-07T17:48:02.449746026Z')
    expect(isoTime(1796665682000000042n)).toBe('2026-12-07T17:48:02.000000042Z')
  })

  it('keeps only well-formed records from an index: relative paths inside the workspace', () => {
    const good: CarriedTime = ['data/a.txt', 'a'.repeat(40), '123']
    const records = [
      good,
      ['/abs/a.txt', 'a'.repeat(40), '1'],
      ['C:\\abs', 'a'.repeat(40), '1'],
      ['../out', 'a'.repeat(40), '1'],
      ['', 'a'.repeat(40), '1'],
      ['b', 'not-hex', '1'],
      ['c', 'a'.repeat(40), '-1'],
      ['d', 'a'.repeat(40)],
      'junk'
    ]
    expect(validCarriedTimes(records)).toEqual([good])
    expect(validCarriedTimes({ not: 'a list' })).toEqual([])
  })

  it('finds what tests changed the times of, and gives those times back to the same content', async () => {
    const origin = repository({ ...FILES, 'data/"q"': 'quoted\n', 'data/q': 'quoted\n' })
    const work = clone(origin)
    await setContentTimes(work)
    expect(await touchedPaths(work)).toEqual([])
    // A scratch file written and removed: the listing is as checked out, the time is not.
    const deep = path.join(work, 'data/deep')
    fs.writeFileSync(path.join(deep, 'scratch.tmp'), 'x')
    fs.rmSync(path.join(deep, 'scratch.tmp'))
    // A file's time set by a test (caddy's fileserver tests do it), its content unchanged.
    const a = path.join(work, 'data/a.txt')
    fs.utimesSync(a, 2, 2)
    // A file changed with its size kept: its time belongs to other content, never carried.
    fs.writeFileSync(path.join(work, 'data/b.txt'), 'BRAVO\n')
    fs.utimesSync(path.join(work, 'data/b.txt'), 2, 2)
    // git reads a quoted name on --stdin-paths as another file: such names are left out.
    fs.writeFileSync(path.join(work, 'data/"q"'), 'QUOTED\n')
    fs.utimesSync(path.join(work, 'data/"q"'), 2, 2)
    const records = await touchedPaths(work)
    expect(records).toEqual([
      ['data/deep', expect.any(String), mtime(deep).toString()],
      ['data/a.txt', blobId(origin, 'data/a.txt'), '2000000000']
    ])

    const left = mtime(deep)
    clone(origin, work)
    // Changed in this checkout before main runs: main gives it no time, nothing is carried.
    fs.writeFileSync(a, 'ALPHA\n')
    const report = await setContentTimes(work)
    expect(mtime(deep)).not.toBe(left)
    // Another content id at that path: not applied.
    const other: CarriedTime = ['data/deep', '0'.repeat(40), left.toString()]
    expect(applyCarriedTimes([other], work, report.derivedIds)).toEqual({ applied: 0 })
    const onWindows = { platform: 'win32' as const }
    expect(applyCarriedTimes(records, work, report.derivedIds, onWindows).applied).toBe(0)
    expect(applyCarriedTimes(records, work, report.derivedIds)).toEqual({ applied: 1 })
    expect(mtime(deep)).toBe(left)
    expect(mtime(a)).not.toBe(2_000_000_000n)
    // The same time again at the end of a job whose test was served from the cache.
    expect(await touchedPaths(work)).toEqual(records.slice(0, 1))
  })

  it('tries every path, and puts the derived time back where touch fails', async () => {
    const work = clone(repository(FILES))
    const report = await setContentTimes(work)
    const id = (relative: string) => report.derivedIds.get(path.join(work, relative)) as string
    const records: CarriedTime[] = [
      ['data', id('data'), NS.toString()],
      ['data/deep', id('data/deep'), NS.toString()]
    ]
    const derived = mtime(path.join(work, 'data/deep'))
    // A touch that refuses the first path only; then none at all (sh alone on PATH).
    const bin = tempDir()
    const sh = execFileSync('sh', ['-c', 'command -v sh'], { encoding: 'utf8' }).trim()
    const touch = execFileSync('sh', ['-c', 'command -v touch'], { encoding: 'utf8' }).trim()
    fs.writeFileSync(
      path.join(bin, 'touch'),
      `#!${sh}\ncase "$4" in */data) exit 1;; esac\nexec ${touch} "$@"\n`,
      { mode: 0o755 }
    )
    fs.symlinkSync(sh, path.join(bin, 'sh'))
    const some = applyCarriedTimes(records, work, report.derivedIds, { env: { PATH: bin } })
    expect(some).toEqual({ applied: 1, problem: expect.stringMatching(/touch failed/) })
    expect(mtime(path.join(work, 'data/deep'))).toBe(NS)
    expect(mtime(path.join(work, 'data'))).not.toBe(NS)

    // A touch that keeps whole seconds only: the derived time goes back.
    fs.writeFileSync(path.join(bin, 'touch'), `#!${sh}\nexec ${touch} -d @1796665682 -- "$4"\n`)
    const coarse = applyCarriedTimes(records, work, report.derivedIds, { env: { PATH: bin } })
    expect(coarse).toEqual({
      applied: 0,
      problem: expect.stringMatching(/did not set the exact time/)
    })
    expect(mtime(path.join(work, 'data/deep'))).toBe(derived)
  })
})
