// Runs the real @actions/cache client against an in-process emulator.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { restoreCache, saveCache } from '@actions/cache'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/emulator.js'
import type { TokenRequest } from '../../src/emulator/token.js'
import { tempDir } from './tmp.js'

export interface Harness {
  emulator: Emulator
  /** GITHUB_WORKSPACE: where saved paths live and restores land. */
  workspace: string
  /** Switches the client to a token for this ref or these scopes. */
  as(scope: string | TokenRequest): void
  /** Writes files (name → content) under workspace/dir, replacing the dir; returns its path. */
  writeDir(dir: string, files: Record<string, string | Buffer>): string
  readDir(dir: string): Record<string, string>
  save(paths: string[], key: string): Promise<{ result: number; output: string }>
  restore(
    paths: string[],
    key: string,
    restoreKeys?: string[]
  ): Promise<{ result: string | undefined; output: string }>
}

/**
 * Runs fn while collecting what it writes to stdout: @actions/core writes its info lines and
 * ::warning:: / ::error:: commands there, which tell how the client took a failure.
 */
export async function captureStdout<T>(
  fn: () => Promise<T>
): Promise<{ result: T; output: string }> {
  const original = process.stdout.write.bind(process.stdout)
  let output = ''
  process.stdout.write = ((chunk: string | Uint8Array) => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    return true
  }) as typeof process.stdout.write
  try {
    return { result: await fn(), output }
  } finally {
    process.stdout.write = original
  }
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator(options)
  const root = tempDir('go-cache-emulator-test-')
  const workspace = path.join(root, 'workspace')
  const runnerTemp = path.join(root, 'runner-temp')
  fs.mkdirSync(workspace)
  fs.mkdirSync(runnerTemp)
  process.env.GITHUB_WORKSPACE = workspace
  process.env.RUNNER_TEMP = runnerTemp
  const as = (scope: string | TokenRequest) => Object.assign(process.env, emulator.env(scope))
  as('refs/heads/main')
  return {
    emulator,
    workspace,
    as,
    writeDir(dir, files) {
      const full = path.join(workspace, dir)
      fs.rmSync(full, { recursive: true, force: true })
      fs.mkdirSync(full, { recursive: true })
      for (const [name, content] of Object.entries(files)) {
        fs.writeFileSync(path.join(full, name), content)
      }
      return full
    },
    readDir(dir) {
      const full = path.join(workspace, dir)
      if (!fs.existsSync(full)) return {}
      return Object.fromEntries(
        fs.readdirSync(full).map(name => [name, fs.readFileSync(path.join(full, name), 'utf8')])
      )
    },
    save: (paths, key) => captureStdout(() => saveCache(paths, key)),
    restore: (paths, key, restoreKeys) => captureStdout(() => restoreCache(paths, key, restoreKeys))
  }
}

export interface RawResponse {
  status: number
  headers: Headers
  text: string
  json: Record<string, unknown>
}

async function raw(url: string, init: RequestInit): Promise<RawResponse> {
  const res = await fetch(url, init)
  const text = await res.text()
  let json: Record<string, unknown> = {}
  try {
    json = JSON.parse(text)
  } catch {
    // Blob answers are XML or bytes.
  }
  return { status: res.status, headers: res.headers, text, json }
}

/** Calls a twirp method directly; token null sends no Authorization header. */
export function twirp(
  emulator: Emulator,
  method: string,
  body: unknown,
  token: string | null = emulator.token('refs/heads/main')
): Promise<RawResponse> {
  return raw(`${emulator.url}twirp/github.actions.results.api.v1.CacheService/${method}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token === null ? {} : { Authorization: `Bearer ${token}` })
    },
    body: JSON.stringify(body)
  })
}

export function request(url: string, init: RequestInit = {}): Promise<RawResponse> {
  return raw(url, init)
}

/** Puts a whole blob to a signed upload URL, as Put Blob. */
export function putBlob(url: string, body: string | Buffer): Promise<RawResponse> {
  return raw(url, {
    method: 'PUT',
    headers: { 'x-ms-blob-type': 'BlockBlob' },
    body: typeof body === 'string' ? body : new Uint8Array(body)
  })
}
