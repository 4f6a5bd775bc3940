// The names a bridge must agree on with the daemon, computed without node:crypto (see
// sha256.ts): the daemon's address (src/daemon/socket-path.ts) and its verified list's
// file (src/store/verified-log.ts). __tests__/bridge-bundle.test.ts keeps them equal.

import * as path from 'node:path'
import { sha256Hex } from './sha256.js'

/** socketAddress() of src/daemon/socket-path.ts. */
export function bridgeSocketAddress(socket: string, platform = process.platform): string {
  if (platform !== 'win32' || socket.startsWith('\\\\.\\pipe\\')) return socket
  return `\\\\.\\pipe\\go-cache-${sha256Hex(path.resolve(socket)).slice(0, 16)}`
}

/** verifiedLogPath() of src/store/verified-log.ts. */
export function bridgeVerifiedLogPath(storeDir: string, socketAddress: string): string {
  return path.join(path.resolve(storeDir), `verified-${sha256Hex(socketAddress).slice(0, 16)}.log`)
}

/** outputPathIn() of src/store/local-store.ts. */
export function bridgeOutputPath(storeDir: string, outputHex: string): string {
  return path.join(storeDir, 'o', outputHex.slice(0, 2), outputHex)
}
