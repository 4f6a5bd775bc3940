#!/usr/bin/env node
// go-cache-emulator: runs the Actions cache service emulator until SIGINT or SIGTERM.

import { parseArgs } from 'node:util'
import { parseSize } from '../util/size.js'
import { startEmulator } from './emulator.js'
import { DEFAULT_KNOBS, type Knobs } from './knobs.js'

const kebab = (name: string) => name.replace(/[A-Z]/g, c => '-' + c.toLowerCase())
const KNOB_FLAGS = (Object.keys(DEFAULT_KNOBS) as (keyof Knobs)[]).map(
  name => [kebab(name), name] as const
)

const USAGE = `usage: emulator [--port N] [--host H] [--data-dir DIR] [--secret S] [--ref REF]
                [--verbose] [knob flags]
  --port N          listen on N (default: any free port)
  --host H          listen on H (default 127.0.0.1)
  --data-dir DIR    keep blobs in DIR (default: a temp dir removed on exit)
  --secret S        key that signs tokens and URLs (default random)
  --ref REF         ref of the example token printed at start (default refs/heads/main)
  --verbose         log each request to stderr
knob flags (numbers; sizes such as 10MiB work too), defaults:
${KNOB_FLAGS.map(([flag, name]) => `  --${flag} ${DEFAULT_KNOBS[name]}`).join('\n')}
Control endpoints: GET/POST /_emulator/config, GET /_emulator/stats, POST /_emulator/reset-stats,
GET /_emulator/entries, GET/POST/DELETE /_emulator/faults, POST /_emulator/token {"ref": ...},
POST /_emulator/api-token {"actions": "write"}, GET/POST /_emulator/clock {"advanceMs": ms}.
REST API (GITHUB_API_URL): GET/DELETE /repos/{owner}/{repo}/actions/caches[/{id}]`

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      secret: { type: 'string' },
      ref: { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(KNOB_FLAGS.map(([flag]) => [flag, { type: 'string' as const }]))
    },
    strict: true
  })
  if (values.help) {
    process.stderr.write(USAGE + '\n')
    return
  }
  const knobs: Partial<Knobs> = {}
  for (const [flag, name] of KNOB_FLAGS) {
    const text = (values as Record<string, unknown>)[flag] as string | undefined
    if (text === undefined) continue
    const value = parseSize(text)
    if (value === undefined) throw new Error(`--${flag} must be a number, not ${text}`)
    knobs[name] = value
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port')

  const log = (line: string) => process.stderr.write(`emulator: ${line}\n`)
  const emulator = await startEmulator({
    ...knobs,
    port,
    host: values.host,
    dataDir: values['data-dir'],
    secret: values.secret,
    log: values.verbose ? log : undefined
  })
  const env = {
    ...emulator.env(values.ref ?? 'refs/heads/main'),
    GITHUB_API_URL: emulator.apiUrl,
    GITHUB_TOKEN: emulator.apiToken({ actions: 'write' })
  }
  process.stderr.write(
    `emulator listening ${emulator.url}\n` +
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n') +
      '\n'
  )
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main(process.argv.slice(2)).catch(err => {
  process.stderr.write(`emulator: ${(err as Error).message}\n${USAGE}\n`)
  process.exit(2)
})
