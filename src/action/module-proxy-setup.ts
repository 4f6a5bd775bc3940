// The main step's part in caching modules: decide whether the daemon serves them, and once it
// runs, put it in front of the job's own GOPROXY chain.

import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import * as path from 'node:path'
import { callDaemon } from '../daemon/control-client.js'
import { Upstream } from '../modules/upstream.js'

export interface ModulePlan {
  /** serve's flags for the module proxy. */
  args: string[]
  /** The URL's secret; the daemon gets it in its environment, never on a command line. */
  secret: string
  /** The job's own GOPROXY (`go env GOPROXY`): our upstream, and Go's chain after us. */
  goproxy: string
}

export const MODULE_SECRET_ENV = 'GO_CACHE_MODULE_SECRET'

/** Undefined, with a notice, when there is nothing a proxy of ours could add. */
export function planModules(goproxy: string, workDir: string): ModulePlan | undefined {
  if (!new Upstream(goproxy).usable) {
    core.info(
      `Modules are not cached: GOPROXY=${goproxy || '(empty)'} names no module proxy ` +
        '(direct fetches from version control, or off), so there is nothing to keep.'
    )
    return undefined
  }
  const args = ['--modules-dir', path.join(workDir, 'modules'), '--module-upstream', goproxy]
  return { args, secret: randomBytes(16).toString('hex'), goproxy }
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
