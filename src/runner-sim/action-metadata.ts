// Reads the input defaults of action.yml the way the runner applies them. Only what our
// action.yml uses is understood: plain scalars and the `${{ toJSON(matrix) }}` expression.

import * as fs from 'node:fs'

export function inputDefaults(actionYml: string, matrix: unknown): Record<string, string> {
  const defaults: Record<string, string> = {}
  let inInputs = false
  let current: string | undefined
  for (const line of fs.readFileSync(actionYml, 'utf8').split(/\r?\n/)) {
    if (/^\S/.test(line)) inInputs = line.startsWith('inputs:')
    if (!inInputs) continue
    const name = /^ {2}([\w-]+):\s*$/.exec(line)
    if (name) current = name[1]
    const value = /^ {4}default:\s*(.*)$/.exec(line)
    if (value && current) defaults[current] = evaluate(unquote(value[1].trim()), matrix)
  }
  return defaults
}

function unquote(text: string): string {
  if (text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replace(/''/g, "'")
  if (text.startsWith('"') && text.endsWith('"')) return JSON.parse(text) as string
  return text
}

function evaluate(text: string, matrix: unknown): string {
  if (!text.includes('${{')) return text
  if (/^\$\{\{\s*toJSON\(matrix\)\s*\}\}$/.test(text))
    return JSON.stringify(matrix ?? null, null, 2)
  throw new Error(`the runner simulation cannot evaluate ${text}`)
}
