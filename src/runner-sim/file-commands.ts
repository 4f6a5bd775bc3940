// The runner's file commands (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE): `name=value` lines and
// `name<<DELIMITER` … `DELIMITER` blocks, as @actions/core writes them.

import * as fs from 'node:fs'

export function readFileCommands(file: string): Record<string, string> {
  const values: Record<string, string> = {}
  let text = ''
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch {
    return values
  }
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const block = /^([^=]+?)<<(.+)$/.exec(line)
    if (block) {
      const [, name, delimiter] = block
      const value: string[] = []
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i])
      if (i >= lines.length) throw new Error(`${file}: ${name} has no closing ${delimiter}`)
      values[name] = value.join('\n')
      continue
    }
    const eq = line.indexOf('=')
    if (eq > 0) values[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return values
}
