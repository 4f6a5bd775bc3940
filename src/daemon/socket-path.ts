import { createHash } from 'node:crypto'
import * as path from 'node:path'

/**
 * The address the daemon listens on. Windows has no Unix sockets for Node: a path there
 * becomes a named pipe derived from it, so `serve` and `connect` agree on the same name.
 */
export function socketAddress(socket: string): string {
  if (process.platform !== 'win32' || socket.startsWith('\\\\.\\pipe\\')) return socket
  const digest = createHash('sha256').update(path.resolve(socket)).digest('hex').slice(0, 16)
  return `\\\\.\\pipe\\go-cache-${digest}`
}
