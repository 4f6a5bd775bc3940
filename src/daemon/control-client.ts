// Talks to a running daemon with its own commands (stats, stop) over the GOCACHEPROG framing.

import * as net from 'node:net'
import { socketAddress } from './socket-path.js'

/** The daemon took longer than the caller allowed (it may still be working on it). */
export class DaemonTimeout extends Error {}

export async function callDaemon(
  socket: string,
  command: string,
  // Flushing uploads everything pending: give it time.
  timeoutMs = command === 'stats' ? 30_000 : 600_000
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const conn = net.connect(socketAddress(socket))
    let buffered = ''
    const timer = setTimeout(() => {
      conn.destroy()
      reject(
        new DaemonTimeout(`daemon at ${socket} did not answer ${command} within ${timeoutMs} ms`)
      )
    }, timeoutMs)
    conn.setEncoding('utf8')
    conn.on('connect', () => conn.write(JSON.stringify({ ID: 1, Command: command }) + '\n\n'))
    conn.on('data', (text: string) => {
      buffered += text
      let nl
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl)
        buffered = buffered.slice(nl + 1)
        const res = JSON.parse(line) as { ID: number; Err?: string; Data?: unknown }
        if (res.ID !== 1) continue
        clearTimeout(timer)
        conn.end()
        if (res.Err) reject(new Error(res.Err))
        else resolve(res.Data)
      }
    })
    conn.on('error', err => {
      clearTimeout(timer)
      reject(new Error(`cannot reach the daemon at ${socket}: ${err.message}`))
    })
  })
}
