import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

// Jest gives each test file its own `process` object whose 'exit' event never fires, so
// directories are collected here and removed by the afterAll hook in setup.ts. The
// store and GOCACHE dirs of an e2e file reach hundreds of MB; left behind they fill the disk.
const made: string[] = []

/** A fresh directory under the OS temp dir, removed when the test file has finished. */
export function tempDir(prefix = 'go-cache-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** Removes every directory tempDir made in this test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
}
