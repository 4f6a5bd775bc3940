// A module proxy as a directory (GOPROXY=file:///…), built from sources in the test: the
// layout of `go help goproxy`, with zips in Go's module zip format (every file under
// `module@version/`). Tests then run with no network at all.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { crc32 } from 'node:zlib'

export interface FixtureModule {
  path: string
  version: string
  /** File name → content; go.mod is written from `path` unless given. */
  files: Record<string, string>
}

/** `!` + lower case for each upper-case letter, as in proxy paths and GOMODCACHE. */
export function escapePath(text: string): string {
  return text.replace(/[A-Z]/g, c => `!${c.toLowerCase()}`)
}

export function writeProxyDir(dir: string, modules: FixtureModule[]): string {
  const versions = new Map<string, string[]>()
  for (const mod of modules) {
    const files = { 'go.mod': `module ${mod.path}\n\ngo 1.24\n`, ...mod.files }
    const at = path.join(dir, ...escapePath(mod.path).split('/'), '@v')
    fs.mkdirSync(at, { recursive: true })
    const base = path.join(at, escapePath(mod.version))
    fs.writeFileSync(
      `${base}.info`,
      JSON.stringify({ Version: mod.version, Time: '2026-01-02T03:04:05Z' })
    )
    fs.writeFileSync(`${base}.mod`, files['go.mod'])
    const prefix = `${mod.path}@${mod.version}/`
    fs.writeFileSync(
      `${base}.zip`,
      zip(Object.entries(files).map(([name, text]) => [prefix + name, Buffer.from(text)]))
    )
    versions.set(at, [...(versions.get(at) ?? []), mod.version])
  }
  for (const [at, list] of versions) fs.writeFileSync(path.join(at, 'list'), list.join('\n') + '\n')
  return dir
}

/** A zip of stored (uncompressed) entries: all Go's module zip reader needs. */
function zip(entries: [string, Buffer][]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + data.length
  }
  const centralBytes = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(centralBytes.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, centralBytes, end])
}

/** Two small dependencies (one with upper case in its path) and a module that uses both. */
export const DEPENDENCIES: FixtureModule[] = [
  {
    path: 'example.com/greet',
    version: 'v1.0.0',
    files: { 'greet.go': 'package greet\n\nfunc Hello() string { return "hello" }\n' }
  },
  {
    path: 'example.com/Upper/shout',
    version: 'v1.2.0',
    files: {
      'shout.go':
        'package shout\n\nimport "strings"\n\nfunc Shout(s string) string { return strings.ToUpper(s) }\n'
    }
  }
]

/** The app: main imports both dependencies; go.sum is left for `go mod tidy` to write. */
export function writeApp(dir: string): string {
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(
    path.join(dir, 'go.mod'),
    'module example.com/app\n\ngo 1.24\n\nrequire (\n\texample.com/Upper/shout v1.2.0\n\texample.com/greet v1.0.0\n)\n'
  )
  fs.writeFileSync(
    path.join(dir, 'main.go'),
    'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/Upper/shout"\n\t"example.com/greet"\n)\n\nfunc main() { fmt.Println(shout.Shout(greet.Hello())) }\n'
  )
  return dir
}
