import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { open } from 'node:fs/promises'

const CHUNK = 1 << 20

/**
 * SHA-256 of a file, read in chunks so a large output never sits in memory whole. The
 * buffer is no bigger than the file (`size`, as the caller's stat saw it): a new daemon
 * hashes thousands of small outputs while go builds, and a megabyte each (as a read stream
 * allocates) showed as its peak memory.
 */
export async function hashFile(file: string, size: number): Promise<string> {
  const hash = createHash('sha256')
  const handle = await open(file, 'r')
  try {
    // `size` is what the caller saw; it only sizes the buffer, the file is read to its end.
    const buffer = Buffer.allocUnsafe(Math.min(Math.max(size, 1), CHUNK))
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      hash.update(buffer.subarray(0, bytesRead))
    }
  } finally {
    await handle.close()
  }
  return hash.digest('hex')
}

/** The same, synchronously and whole: for paths that already hold the output in memory. */
export function hashFileSync(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}
