import { startDaemon, type DaemonOptions } from '../daemon/daemon.js'
import { log } from '../util/log.js'

export async function runServe(options: DaemonOptions): Promise<number> {
  const daemon = await startDaemon(options)
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void daemon.stop())
  }
  // Whoever started us waits for this line before pointing Go at the socket.
  // A secret we made up ourselves is of use only if printed (the action passes its own).
  if (options.modules && !process.env.GO_CACHE_MODULE_SECRET && daemon.modulePort) {
    process.stderr.write(
      `GOPROXY http://127.0.0.1:${daemon.modulePort}/${options.modules.secret}\n`
    )
  }
  process.stderr.write(`ready ${daemon.address}\n`)
  log('info', `serving ${options.dir}`)
  await daemon.stopped
  return 0
}
