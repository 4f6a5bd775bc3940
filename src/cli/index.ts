#!/usr/bin/env node
// go-cache: the GOCACHEPROG plugin and its daemon. Stdout belongs to the protocol.

import { randomBytes } from 'node:crypto'
import { enableCompileCache } from 'node:module'
import * as os from 'node:os'
import * as path from 'node:path'
import { parseArgs } from 'node:util'
import type { UnpackOptions } from '../modules/module-unpack.js'
import { setLogLevel, type LogLevel } from '../util/log.js'
import { parseSize } from '../util/size.js'
import { exitWhenIdle } from '../util/exit.js'

const USAGE = `usage:
  go-cache prog    [--dir DIR] [--max-size SIZE]        serve Go directly (GOCACHEPROG)
  go-cache serve   --socket PATH [--dir DIR] [--max-size SIZE] [remote options]
                                                    run the daemon
  go-cache connect --socket PATH [--dir DIR]          GOCACHEPROG bridge to the daemon
  go-cache stats   --socket PATH                      print the daemon's counters (JSON)
  go-cache flush   --socket PATH                      upload pending bundles and the index
  go-cache stop    --socket PATH                      flush, then stop the daemon
options:
  --dir DIR         local store (default ~/.cache/go-cache)
  --max-size SIZE   trim the store to this size, e.g. 10GiB (default 10GiB)
  --log-level L     debug, info, warn or error (default warn; serve: info)
remote options (serve):
  --remote-dir DIR        keep bundles and indexes in a directory (a shared disk)
  --actions-cache         keep them in the GitHub Actions cache (reads ACTIONS_* variables)
  --scope TEXT            index scope: jobs with the same scope share an index (default: default);
                          repeat it for levels, broadest first (platform, job, matrix leg): a
                          job without an index of its own starts from the nearest level's
  --fallback-scope TEXT   scope to restore from when this one has no index yet (repeatable)
  --index-tag TEXT        appended to saved index keys (e.g. the branch), shown by stats
  --bundle-size SIZE      seal a bundle at this size (default 32MiB)
  --read-only             restore and download, never upload
                          with GITHUB_REPOSITORY set, retired bundles and old indexes of this
                          scope are deleted through the REST API (GITHUB_API_URL) when
                          GO_CACHE_CLEANUP_TOKEN holds a token with actions: write
  --workspace DIR         the index carries the times of DIR's tracked paths that tests
                          changed to the next job (stable-file-times)
module proxy (serve):
  --modules-dir DIR       also serve Go modules (GOPROXY protocol) on 127.0.0.1 from DIR, with
                          module bundles beside the build cache's when a remote is set
  --module-upstream LIST  the GOPROXY chain to fetch missing module files from (go env GOPROXY)
  --module-port N         listen on this port (default: any free one; see stats)
                          the URL's secret comes from GO_CACHE_MODULE_SECRET, else is printed
  --unpack-modules-with BIN  once the module bundles are in, have BIN (the native bridge) write
                          the versions --go-sum names into --gomodcache as go download would
  --gomodcache DIR        the job's GOMODCACHE (go env GOMODCACHE)
  --go-sum FILE           a go.sum to read (repeatable; missing files are skipped)`

// Go starts `connect` once per go command: reuse V8's compiled code across those starts.
enableCompileCache?.()

const DEFAULT_MAX_SIZE = 10 * 2 ** 30

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stderr.write(USAGE + '\n')
    return command ? 0 : 2
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      dir: { type: 'string' },
      socket: { type: 'string' },
      'max-size': { type: 'string' },
      'log-level': { type: 'string' },
      'remote-dir': { type: 'string' },
      'actions-cache': { type: 'boolean' },
      scope: { type: 'string', multiple: true },
      'index-tag': { type: 'string' },
      'fallback-scope': { type: 'string', multiple: true },
      'bundle-size': { type: 'string' },
      'read-only': { type: 'boolean' },
      workspace: { type: 'string' },
      'modules-dir': { type: 'string' },
      'module-upstream': { type: 'string' },
      'module-port': { type: 'string' },
      'unpack-modules-with': { type: 'string' },
      gomodcache: { type: 'string' },
      'go-sum': { type: 'string', multiple: true }
    },
    strict: true
  })
  const level = values['log-level'] ?? (command === 'serve' ? 'info' : undefined)
  if (level) {
    if (!['debug', 'info', 'warn', 'error'].includes(level)) {
      throw new UsageError(`--log-level must be debug, info, warn or error, not ${level}`)
    }
    setLogLevel(level as LogLevel)
  }
  const dir = path.resolve(values.dir ?? path.join(os.homedir(), '.cache', 'go-cache'))
  const maxBytes = sizeOption('--max-size', values['max-size'], DEFAULT_MAX_SIZE)
  const socket = () => {
    if (!values.socket) throw new UsageError(`${command} needs --socket PATH`)
    return path.resolve(values.socket)
  }

  switch (command) {
    case 'prog': {
      const { runProg } = await import('./prog.js')
      return runProg(dir, maxBytes)
    }
    case 'serve': {
      const { runServe } = await import('./serve.js')
      const { moduleRemoteOptions, remoteOptions } = await import('./remote-options.js')
      const remote = await remoteOptions({
        dir,
        remoteDir: values['remote-dir'],
        actionsCache: values['actions-cache'] ?? false,
        scope: values.scope ?? [],
        fallbackScopes: values['fallback-scope'] ?? [],
        indexTag: values['index-tag'],
        bundleBytes: sizeOption('--bundle-size', values['bundle-size']),
        readOnly: values['read-only'] ?? false,
        workspace: values.workspace
      })
      const modulesDir = values['modules-dir']
      const modules = modulesDir
        ? {
            dir: path.resolve(modulesDir),
            upstream: values['module-upstream'] ?? '',
            secret: process.env.GO_CACHE_MODULE_SECRET || randomBytes(16).toString('hex'),
            port: portOption(values['module-port']),
            remote: remote && moduleRemoteOptions(remote),
            unpack: unpackOptions(values)
          }
        : undefined
      return runServe({ dir, socket: socket(), maxBytes, remote, modules })
    }
    case 'connect': {
      const { runBridge } = await import('../bridge/bridge.js')
      return runBridge({ socket: socket(), fallbackDir: dir })
    }
    case 'stats':
    case 'flush':
    case 'stop': {
      const { callDaemon } = await import('../daemon/control-client.js')
      const data = await callDaemon(socket(), command)
      process.stdout.write(JSON.stringify(data, null, 2) + '\n')
      return 0
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`)
  }
}

function unpackOptions(values: {
  'unpack-modules-with'?: string
  gomodcache?: string
  'go-sum'?: string[]
}): UnpackOptions | undefined {
  const helper = values['unpack-modules-with']
  if (!helper) return undefined
  if (!values.gomodcache) throw new UsageError('--unpack-modules-with needs --gomodcache DIR')
  return {
    helper,
    gomodcache: path.resolve(values.gomodcache),
    goSums: (values['go-sum'] ?? []).map(f => path.resolve(f))
  }
}

function portOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--module-port must be a port number, not ${text}`)
  }
  return port
}

function sizeOption(flag: string, text: string | undefined, fallback = 0): number {
  if (text === undefined) return fallback
  const size = parseSize(text)
  if (size === undefined || size <= 0) {
    throw new UsageError(`${flag} must be a size such as 10GiB or 500MB, not ${text}`)
  }
  return size
}

main(process.argv.slice(2)).then(
  // A daemon that hangs on its way out is killed by whoever stopped it (the post step).
  code => (process.argv[2] === 'serve' ? process.exit(code) : exitWhenIdle(code)),
  err => {
    const usage =
      err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    process.stderr.write(`go-cache: ${(err as Error).message}\n${usage ? USAGE + '\n' : ''}`)
    exitWhenIdle(usage ? 2 : 1)
  }
)
