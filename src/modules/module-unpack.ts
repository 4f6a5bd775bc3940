// Module trees ahead of Go. Once the module bundles are in, the versions the job's go.sum
// names and the module store holds are handed to the native helper (`go-cache-bridge
// unpack-modules`), which writes them into GOMODCACHE as Go's own download would: the
// extracted tree, .zip, .ziphash, .mod and .info. Go then finds them complete and neither
// asks the proxy nor inflates each zip twice (once to hash it, once to extract it); the
// helper inflates once, and keeps a version only when its files hash to go.sum's line.
// It takes Go's per-version lock, so a go command already at work on a version keeps it.

import { spawn } from 'node:child_process'
import * as fs from 'node:fs/promises'
import type { RemoteCache } from '../remote/remote-cache.js'
import type { LocalStore } from '../store/local-store.js'
import { log } from '../util/log.js'
import { moduleActionID } from './module-proxy.js'
import { escapeModuleText, parseModuleRequest } from './module-request.js'

export interface UnpackOptions {
  /** The native helper (the bridge binary); there is none on Windows. */
  helper: string
  gomodcache: string
  /** go.sum files to read; missing ones are skipped. */
  goSums: string[]
}

/** The helper's counts, and how long it ran. */
export interface UnpackReport {
  /** Versions written: tree, zip, ziphash. */
  unpacked: number
  /** Already complete in GOMODCACHE. */
  present: number
  /** A go command held the version's lock: left to it. */
  busy: number
  /** Failed (a hash that is not go.sum's among them): left to Go and the proxy. */
  failed: number
  /** .mod and .info files written. */
  metadata: number
  files: number
  bytes: number
  ms: number
}

interface SumLine {
  module: string
  version: string
  /** Set for a zip's line; a `/go.mod` line has none. */
  zipSum?: string
}

/** go.sum's lines: `path version h1:…` and `path version/go.mod h1:…`. */
export function parseGoSum(text: string): SumLine[] {
  const lines: SumLine[] = []
  for (const line of text.split('\n')) {
    const [module, version, sum, extra] = line.trim().split(/\s+/)
    if (!sum?.startsWith('h1:') || extra !== undefined) continue
    if (version.endsWith('/go.mod')) lines.push({ module, version: version.slice(0, -7) })
    else lines.push({ module, version, zipSum: sum })
  }
  return lines
}

/**
 * The helper's input: what the store holds of go.sum's versions. Each file handed over counts
 * as used by this job (`remote`), as if Go had asked the proxy for it, so the next module
 * index keeps its bundle.
 */
export async function unpackInput(
  store: LocalStore,
  goSums: string[],
  remote?: RemoteCache
): Promise<string> {
  const versions = new Map<string, SumLine>()
  for (const file of goSums) {
    const text = await fs.readFile(file, 'utf8').catch(() => '')
    for (const line of parseGoSum(text)) {
      const key = `${line.module} ${line.version}`
      versions.set(key, { ...versions.get(key), ...line })
    }
  }
  // The small files first, then the zips, largest first: a go command that reaches a
  // version before us does all of it itself, twice over, and the large ones cost the most.
  const metadata: string[] = []
  const zips: { line: string; size: number }[] = []
  for (const { module, version, zipSum } of versions.values()) {
    const base = `${escapeModuleText(module)}/@v/${escapeModuleText(version)}`
    const stored = async (ext: string) => {
      const request = parseModuleRequest(`${base}.${ext}`)
      if (request?.kind !== 'file') return undefined
      const actionID = moduleActionID(request.path)
      const entry = await store.get(actionID)
      if (entry) remote?.noteLocalHit(actionID)
      return entry
    }
    const mod = await stored('mod')
    if (mod) metadata.push(['mod', module, version, mod.diskPath].join('\t'))
    if (!zipSum) continue
    const info = await stored('info')
    if (info) metadata.push(['info', module, version, info.diskPath].join('\t'))
    const zip = await stored('zip')
    if (zip)
      zips.push({ line: ['zip', module, version, zipSum, zip.diskPath].join('\t'), size: zip.size })
  }
  zips.sort((a, b) => b.size - a.size)
  const out = [...metadata, ...zips.map(z => z.line)]
  return out.length ? out.join('\n') + '\n' : ''
}

/** Runs the helper; undefined when there was nothing to do or it could not run. */
export async function unpackModules(
  store: LocalStore,
  options: UnpackOptions,
  remote?: RemoteCache
): Promise<UnpackReport | undefined> {
  const started = Date.now()
  const input = await unpackInput(store, options.goSums, remote)
  if (!input) return undefined
  const child = spawn(options.helper, ['unpack-modules', '--gomodcache', options.gomodcache], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: helperEnv()
  })
  let stdout = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    for (const line of text.split('\n')) if (line) log('warn', line.replace(/^go-cache: /, ''))
  })
  child.stdin.on('error', () => {}) // a helper that died early: its exit says why
  child.stdin.end(input)
  const code = await new Promise<number | null>(resolve => {
    child.on('error', err => {
      log('warn', `module trees not unpacked: ${err.message}`)
      resolve(null)
    })
    child.on('close', resolve)
  })
  if (code !== 0) {
    if (code !== null) log('warn', `module trees: the helper exited with ${code}`)
    return undefined
  }
  try {
    return { ...(JSON.parse(stdout) as Omit<UnpackReport, 'ms'>), ms: Date.now() - started }
  } catch {
    log('warn', `module trees: unexpected helper output ${JSON.stringify(stdout.slice(0, 200))}`)
    return undefined
  }
}

/** The daemon's environment less its secrets (the service token, the module URL's secret). */
function helperEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('ACTIONS_') && !name.startsWith('GO_CACHE_')
    )
  )
}
