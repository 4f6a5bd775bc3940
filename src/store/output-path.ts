// Where a store keeps an output, by its content's name. A module of its own because readers
// outside the store (the bridge, once per go command) must not load the store's node:crypto.

import * as path from 'node:path'

export function outputPathIn(storeDir: string, outputHex: string): string {
  return path.join(storeDir, 'o', outputHex.slice(0, 2), outputHex)
}
