// What actions/checkout gives a job on a hosted runner: a fresh, shallow clone, every file
// written now. Reusing one workspace across simulated jobs would keep the file times of the
// first checkout and hide what a new checkout does to Go's test cache.

import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import { pathToFileURL } from 'node:url'

/** Fixed author and dates: the same files give the same commit, wherever it is made. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.com',
  GIT_COMMITTER_NAME: 'fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.com',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z'
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  })
}

/** Makes dir a repository whose one commit holds everything in it; returns dir. */
export function initRepository(dir: string): string {
  git(dir, ['init', '-q', '-b', 'main'])
  commitAll(dir, 'fixture')
  return dir
}

/** Commits every change in repository (a new state for the next fresh clone). */
export function commitAll(repository: string, message: string): void {
  git(repository, ['add', '-A'])
  git(repository, ['commit', '-q', '--allow-empty', '-m', message])
}

/** Removes workspace and clones repository into it, depth 1 (actions/checkout's default). */
export function freshClone(repository: string, workspace: string): void {
  fs.rmSync(workspace, { recursive: true, force: true })
  git(process.cwd(), ['clone', '-q', '--depth', '1', pathToFileURL(repository).href, workspace])
}
