#!/usr/bin/env node
// dist/bridge/index.js: what GOCACHEPROG runs when the daemon serves the job. The same
// `connect` as `go-cache connect` (dist/cli/index.js), in a bundle of its own: Go starts
// it once per go command, and the CLI's argument parsing and commands are start-up time
// the bridge does not need. Stdout belongs to the protocol.
//
// usage: index.js connect --socket PATH [--dir DIR] [--log-level L]

import * as os from 'node:os'
import * as path from 'node:path'
import { setLogLevel, type LogLevel } from '../util/log.js'
import { exitWhenIdle } from '../util/exit.js'
import { runBridge } from './bridge.js'

const USAGE =
  'usage: index.js connect --socket PATH [--dir DIR] [--log-level debug|info|warn|error]'

function parse(argv: string[]): { socket: string; dir: string } {
  if (argv[0] !== 'connect') throw new Error(USAGE)
  let socket: string | undefined
  let dir: string | undefined
  for (let i = 1; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2)
    const value = inline ?? argv[++i]
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`)
    if (flag === '--socket') socket = value
    else if (flag === '--dir') dir = value
    else if (flag === '--log-level' && ['debug', 'info', 'warn', 'error'].includes(value)) {
      setLogLevel(value as LogLevel)
    } else throw new Error(`unexpected ${argv[i]}\n${USAGE}`)
  }
  if (!socket) throw new Error(`connect needs --socket PATH\n${USAGE}`)
  return {
    socket: path.resolve(socket),
    dir: path.resolve(dir ?? path.join(os.homedir(), '.cache', 'go-cache'))
  }
}

function main(): void {
  let options: { socket: string; dir: string }
  try {
    options = parse(process.argv.slice(2))
  } catch (err) {
    process.stderr.write(`go-cache: ${(err as Error).message}\n`)
    return exitWhenIdle(2)
  }
  runBridge({ socket: options.socket, fallbackDir: options.dir }).then(exitWhenIdle, err => {
    process.stderr.write(`go-cache: ${(err as Error).message}\n`)
    exitWhenIdle(1)
  })
}

main()
