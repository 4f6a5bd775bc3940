// Builds the native bridge (src/bridge/native, Go) into dist/bridge-bin/<platform>-<arch>/,
// one static binary per runner platform, with a manifest of their SHA-256 that the main step
// checks before pointing GOCACHEPROG at one. Windows keeps the Node bridge: the daemon
// listens on a named pipe there, which this bridge does not speak.
//
// Go builds are reproducible for a given Go release (-trimpath, no build ID, no VCS stamp),
// but not across releases: the binaries are rebuilt only when the bridge's sources change (or
// a binary no longer matches the manifest), so dist/ stays what the committed sources built.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

const SOURCE_DIR = 'src/bridge/native'
const OUT_DIR = 'dist/bridge-bin'
const MANIFEST = path.join(OUT_DIR, 'manifest.json')
/** Node's names (process.platform, process.arch) → Go's. */
const TARGETS = [
  ['linux', 'x64', 'linux', 'amd64'],
  ['linux', 'arm64', 'linux', 'arm64'],
  ['darwin', 'x64', 'darwin', 'amd64'],
  ['darwin', 'arm64', 'darwin', 'arm64']
]
export const BINARY = 'go-cache-bridge'

function sha256(data) {
  return createHash('sha256').update(data).digest('hex')
}

/** One hash over the bridge's Go files: what the manifest says the binaries were built from. */
export function sourceHash() {
  const hash = createHash('sha256')
  for (const name of fs.readdirSync(SOURCE_DIR).sort()) {
    if (!name.endsWith('.go') && name !== 'go.mod') continue
    if (name.endsWith('_test.go')) continue
    hash.update(`${name}\0${fs.readFileSync(path.join(SOURCE_DIR, name))}\0`)
  }
  return hash.digest('hex')
}

function upToDate(source) {
  try {
    const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'))
    if (manifest.source !== source) return false
    return TARGETS.every(([platform, arch]) => {
      const entry = manifest.binaries[`${platform}-${arch}`]
      const file = path.join(OUT_DIR, entry.file)
      return sha256(fs.readFileSync(file)) === entry.sha256
    })
  } catch {
    return false
  }
}

export function buildNativeBridge({ force = false } = {}) {
  const source = sourceHash()
  if (!force && upToDate(source)) return false
  fs.rmSync(OUT_DIR, { recursive: true, force: true })
  const binaries = {}
  for (const [platform, arch, goos, goarch] of TARGETS) {
    const file = `${platform}-${arch}/${BINARY}`
    const out = path.resolve(OUT_DIR, file)
    execFileSync(
      'go',
      ['build', '-trimpath', '-buildvcs=false', '-ldflags=-s -w -buildid=', '-o', out, '.'],
      {
        cwd: SOURCE_DIR,
        stdio: 'inherit',
        env: {
          ...process.env,
          GOOS: goos,
          GOARCH: goarch,
          CGO_ENABLED: '0',
          GOTOOLCHAIN: 'local',
          GOFLAGS: '-mod=mod',
          GOCACHEPROG: ''
        }
      }
    )
    binaries[`${platform}-${arch}`] = { file, sha256: sha256(fs.readFileSync(out)) }
  }
  const go = execFileSync('go', ['env', 'GOVERSION'], {
    env: { ...process.env, GOTOOLCHAIN: 'local' }
  })
    .toString()
    .trim()
  const manifest = { source, go, binaries }
  fs.writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2) + '\n')
  return true
}
