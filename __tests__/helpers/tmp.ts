import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

/** A fresh directory under the OS temp dir, removed when the test process ends. */
export function tempDir(prefix = 'go-cache-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}
