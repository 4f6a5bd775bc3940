// What Go asks a module proxy for, checked before anything touches the disk or the network.
// Paths arrive escaped (`go help goproxy`: an upper-case letter is `!` plus its lower case);
// we keep the escaped text as the file's name and check it the way Go's module tooling checks
// module paths and versions, so nothing like `..`, an absolute path or an empty element passes.

/** One file of one version: never changes once published, so it may be cached. */
export interface ModuleFileRequest {
  kind: 'file'
  /** The escaped path after the proxy base, e.g. `github.com/!burnt!sushi/toml/@v/v1.4.0.zip`. */
  path: string
  module: string
  version: string
  ext: 'info' | 'mod' | 'zip'
}

export type ModuleRequest =
  | ModuleFileRequest
  /** `list`, `@latest`, a query like `@v/master.info`: they change, so never cached here. */
  | { kind: 'mutable' }
  /** `sumdb/<name>/supported`: we do not proxy checksum databases. */
  | { kind: 'sumdb' }

/** Parses the part of a request path after the proxy base; undefined when it is malformed. */
export function parseModuleRequest(rest: string): ModuleRequest | undefined {
  if (rest.startsWith('sumdb/')) return { kind: 'sumdb' }
  const latest = /^(.+)\/@latest$/.exec(rest)
  if (latest) return escapedModulePathOK(latest[1]) ? { kind: 'mutable' } : undefined
  const m = /^(.+)\/@v\/([^/]+)$/.exec(rest)
  if (!m || !escapedModulePathOK(m[1])) return undefined
  const [, module, file] = m
  if (file === 'list') return { kind: 'mutable' }
  const f = /^(.+)\.(info|mod|zip)$/.exec(file)
  if (!f || !escapedTextOK(f[1])) return undefined
  const version = unescape(f[1])
  if (version === undefined) return undefined
  // Only canonical semantic versions name immutable files; a query (`master`, `v1`) does not.
  if (!CANONICAL_VERSION.test(version)) return { kind: 'mutable' }
  return { kind: 'file', path: rest, module, version, ext: f[2] as ModuleFileRequest['ext'] }
}

/** vMAJOR.MINOR.PATCH, an optional pre-release, and `+incompatible` as the only build tag. */
const CANONICAL_VERSION =
  /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+incompatible)?$/

/** Escaped text: `!` only before a lower-case letter, and no upper case of its own. */
function escapedTextOK(text: string): boolean {
  return /^([a-z0-9._~+-]|![a-z])+$/.test(text)
}

/** `!` + lower case for each upper-case letter, as in proxy paths and GOMODCACHE. */
export function escapeModuleText(text: string): string {
  return text.replace(/[A-Z]/g, c => `!${c.toLowerCase()}`)
}

function unescape(text: string): string | undefined {
  return escapedTextOK(text)
    ? text.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase())
    : undefined
}

/** module.CheckPath on the escaped form: non-empty elements of safe characters, no dot ones. */
function escapedModulePathOK(escaped: string): boolean {
  if (escaped.length > 1024) return false
  const elements = escaped.split('/')
  for (const element of elements) {
    if (element === '' || !/^([a-z0-9._~-]|![a-z])+$/.test(element)) return false
    if (element.startsWith('.') || element.endsWith('.')) return false
  }
  const first = elements[0]
  return first.includes('.') && !first.startsWith('-')
}
