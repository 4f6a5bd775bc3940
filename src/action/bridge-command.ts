// What GOCACHEPROG runs once per go command: the native bridge built for this runner
// (dist/bridge-bin, Go: it starts in ~4 ms where Node needs ~35 ms before any of our code
// runs), else the Node bridge (dist/bridge/index.js), which does the same.

import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

/** Set to `node` to run the Node bridge even where a native one is shipped. */
export const BRIDGE_ENV = 'GO_CACHE_BRIDGE'

interface Manifest {
  binaries: Record<string, { file: string; sha256: string }>
}

export interface BridgeChoice {
  /** The command before `connect …`. */
  command: string[]
  /** Arguments after `connect --socket S --dir D`. */
  extraArgs: string[]
  native: boolean
  /** Why the Node bridge runs, when it does. */
  reason?: string
}

/**
 * `distDir` holds bridge/ and bridge-bin/. A native binary is used only if it is the one the
 * manifest names (a checkout or an unpacking that altered it falls back to Node) and can be
 * made executable. The native bridge hands a lost daemon's work to `node cli prog`.
 */
export function chooseBridge(
  distDir: string,
  nodePath: string,
  platform: string = process.platform,
  arch: string = process.arch,
  env: NodeJS.ProcessEnv = process.env
): BridgeChoice {
  const nodeBridge = (reason: string): BridgeChoice => ({
    command: [nodePath, path.join(distDir, 'bridge', 'index.js')],
    extraArgs: [],
    native: false,
    reason
  })
  if (env[BRIDGE_ENV] === 'node') return nodeBridge(`${BRIDGE_ENV}=node`)
  const binDir = path.join(distDir, 'bridge-bin')
  let manifest: Manifest
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(binDir, 'manifest.json'), 'utf8')) as Manifest
  } catch (err) {
    return nodeBridge(`no native bridge manifest (${(err as Error).message})`)
  }
  const entry = manifest.binaries?.[`${platform}-${arch}`]
  if (!entry) return nodeBridge(`no native bridge for ${platform}-${arch}`)
  const binary = path.join(binDir, entry.file)
  try {
    const digest = createHash('sha256').update(fs.readFileSync(binary)).digest('hex')
    if (digest !== entry.sha256) return nodeBridge(`${binary} does not match its manifest`)
    if ((fs.statSync(binary).mode & 0o111) === 0) fs.chmodSync(binary, 0o755)
  } catch (err) {
    return nodeBridge(`native bridge unusable (${(err as Error).message})`)
  }
  const cli = path.join(distDir, 'cli', 'index.js')
  return { command: [binary], extraArgs: ['--node', nodePath, '--cli', cli], native: true }
}
