import { startDaemon, type DaemonOptions } from '../daemon/daemon.js'
import { log } from '../util/log.js'

export async function runServe(options: DaemonOptions): Promise<number> {
  const daemon = await startDaemon(options)
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void daemon.stop())
  }
  // Whoever started us waits for this line before pointing Go at the socket.
  process.stderr.write(`ready ${daemon.address}\n`)
  log('info', `serving ${options.dir}`)
  await daemon.stopped
  return 0
}
