import * as path from 'node:path'
import { sha256Hex } from '../util/sha256.js'

/**
 * The address the daemon listens on. Windows has no Unix sockets for Node: a path there
 * becomes a named pipe derived from it, so `serve` and `connect` agree on the same name.
 * No node:crypto here: the bridge computes it on every start.
 */
export function socketAddress(socket: string, platform = process.platform): string {
  if (platform !== 'win32' || socket.startsWith('\\\\.\\pipe\\')) return socket
  return `\\\\.\\pipe\\go-cache-${sha256Hex(path.resolve(socket)).slice(0, 16)}`
}
