// The main step's part in caching modules: decide whether the daemon serves them, and once it
// runs, put it in front of the job's own GOPROXY chain.

import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import * as os from 'node:os'
import * as path from 'node:path'
import { callDaemon } from '../daemon/control-client.js'
import { Upstream } from '../modules/upstream.js'
import type { GoEnv } from './go-env.js'

export interface ModulePlan {
  /** serve's flags for the module proxy. */
  args: string[]
  /** The URL's secret; the daemon gets it in its environment, never on a command line. */
  secret: string
  /** The job's own GOPROXY (`go env GOPROXY`): our upstream, and Go's chain after us. */
  goproxy: string
}

export const MODULE_SECRET_ENV = 'GO_CACHE_MODULE_SECRET'

/**
 * Undefined, with a notice, when there is nothing a proxy of ours could add. With a native
 * helper (the bridge binary) the daemon also writes go.sum's versions into GOMODCACHE.
 */
export function planModules(go: GoEnv, workDir: string, helper?: string): ModulePlan | undefined {
  const goproxy = go.goproxy
  if (!new Upstream(goproxy).usable) {
    core.info(
      `Modules are not cached: GOPROXY=${goproxy || '(empty)'} names no module proxy ` +
        '(direct fetches from version control, or off), so there is nothing to keep.'
    )
    return undefined
  }
  const args = ['--modules-dir', path.join(workDir, 'modules'), '--module-upstream', goproxy]
  if (helper && path.isAbsolute(go.gomodcache)) {
    args.push('--unpack-modules-with', helper, '--gomodcache', go.gomodcache)
    for (const file of goSumFiles(go)) args.push('--go-sum', file)
  }
  return { args, secret: randomBytes(16).toString('hex'), goproxy }
}

/** The go.sum files that name the job's module versions, as far as the workspace root shows. */
function goSumFiles(go: GoEnv): string[] {
  const files = [path.join(process.env.GITHUB_WORKSPACE || process.cwd(), 'go.sum')]
  // GOMOD is os.DevNull outside a module.
  if (path.isAbsolute(go.gomod) && go.gomod !== os.devNull) {
    files.push(path.join(path.dirname(go.gomod), 'go.sum'))
  }
  if (path.isAbsolute(go.gowork)) files.push(path.join(path.dirname(go.gowork), 'go.work.sum'))
  return [...new Set(files)]
}

/**
 * Exports GOPROXY as our proxy, then the job's chain after `|`: Go goes on to that chain on
 * any error of ours (a dead daemon included). Returns the value; undefined when the daemon
 * runs no proxy.
 */
export async function exportModuleProxy(
  socket: string,
  plan: ModulePlan
): Promise<string | undefined> {
  const stats = (await callDaemon(socket, 'stats', 10_000)) as { modules?: { port?: number } }
  const port = stats.modules?.port
  if (!port) return undefined
  // Step logs show exported variables: keep the secret out of them.
  core.setSecret(plan.secret)
  const goproxy = `http://127.0.0.1:${port}/${plan.secret}|${plan.goproxy}`
  core.exportVariable('GOPROXY', goproxy)
  core.info(`Go modules: served by the cache daemon on 127.0.0.1:${port}, then ${plan.goproxy}`)
  return goproxy
}
