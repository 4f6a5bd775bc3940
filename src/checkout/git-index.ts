// What git knows about a work tree, read with two commands whatever its size: the index
// (every tracked path with its mode and blob id) and the paths that differ from it.

import { spawn } from 'node:child_process'

export interface GitResult {
  code: number
  stdout: Buffer
  stderr: string
}

/** Runs git in cwd; `input`, when given, is its stdin. */
export function runGit(args: string[], cwd: string, input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      // English messages, to recognise "not a git repository"; and never an opportunistic
      // index refresh: these commands only read.
      env: { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_OPTIONAL_LOCKS: '0' },
      stdio: 'pipe',
      windowsHide: true
    })
    // Closed at once when there is no input: git must not wait for a terminal.
    child.stdin.on('error', () => {}).end(input)
    const out: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
    child.on('error', err =>
      reject(
        (err as NodeJS.ErrnoException).code === 'ENOENT' ? new Error('git is not on PATH') : err
      )
    )
    child.on('close', code => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr }))
  })
}

export interface IndexEntry {
  /** Relative to the directory git ran in, with '/' separators. */
  path: string
  mode: string
  id: string
  /**
   * Only a plain entry ('H': cached, stage 0) is compared with the work tree by diff-files;
   * git skips comparing skip-worktree ('S') and assume-unchanged (lower case) entries, and
   * conflicted ones ('M') have no single blob, so none of those may get a derived time.
   */
  plain: boolean
}

/**
 * Parses `git ls-files -s -v -z`: "<tag> <mode> <id> <stage>\t<path>\0" per entry, paths
 * below the directory git ran in.
 */
export function parseIndex(stdout: Buffer): IndexEntry[] {
  const entries: IndexEntry[] = []
  for (const record of stdout.toString('utf8').split('\0')) {
    if (record === '') continue
    const tab = record.indexOf('\t')
    const [tag, mode, id, stage] = record.slice(0, tab).split(' ')
    entries.push({ path: record.slice(tab + 1), mode, id, plain: tag === 'H' && stage === '0' })
  }
  return entries
}

/** The answer git gives in a directory outside any work tree. */
export function notARepository(result: GitResult): boolean {
  return result.code !== 0 && /not a git repository/i.test(result.stderr)
}

/** `git ls-files -s -v -z` below cwd; `-v` tags assume-unchanged entries in lower case. */
export const LIST_INDEX = ['ls-files', '-s', '-v', '-z']

/**
 * Paths whose work-tree file differs from the index (content, mode, type, deleted), relative
 * to cwd. diff-files trusts a file whose stat data matches what the index recorded and reads
 * it only when that cannot decide: the "racily clean" files, written in the same second as
 * the index, which after a fresh checkout may be most of them (~0.25 s for 20,000 files
 * here). A file whose stat data changed but content did not is listed too, so it keeps its
 * time: safe, and rare on a fresh checkout. `git diff` would re-hash those and then rewrite
 * the index; this plumbing command never writes and no diff.* setting changes its output.
 * Submodules are left alone anyway; ignoring them saves a `git status` in each.
 */
export const LIST_MODIFIED = [
  'diff-files',
  '--name-only',
  '--relative',
  '--ignore-submodules=all',
  '-z'
]

export function parsePaths(stdout: Buffer): string[] {
  return stdout
    .toString('utf8')
    .split('\0')
    .filter(name => name !== '')
}
