// Blob bytes on disk: committed blobs, staged (uncommitted) blocks, and temp files that
// become either only once complete, so a broken upload never leaves half a blob behind.

import { createHash, randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

export interface Received {
  size: number
  md5: Buffer
}

/** Writes to a stream, waiting for it to drain; rejects if the stream fails. */
function write(out: fs.WriteStream, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => out.write(chunk, err => (err ? reject(err) : resolve())))
}

function close(out: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('error', reject)
    out.end(() => resolve())
  })
}

export class BlobStore {
  constructor(readonly dir: string) {
    for (const sub of ['blobs', 'blocks', 'tmp'])
      fs.mkdirSync(path.join(dir, sub), { recursive: true })
  }

  path(blob: string): string {
    return path.join(this.dir, 'blobs', blob)
  }

  size(blob: string): number | undefined {
    try {
      return fs.statSync(this.path(blob)).size
    } catch {
      return undefined
    }
  }

  private blockPath(blob: string, blockId: string): string {
    return path.join(this.dir, 'blocks', blob, Buffer.from(blockId, 'base64').toString('hex'))
  }

  private tempPath(): string {
    return path.join(this.dir, 'tmp', randomBytes(8).toString('hex'))
  }

  /** Stores body at dest, calling pace before each chunk is written (throttling, counting). */
  private async receive(
    body: AsyncIterable<Buffer>,
    dest: string,
    pace: (n: number) => Promise<void>
  ): Promise<Received> {
    const tmp = this.tempPath()
    const out = fs.createWriteStream(tmp)
    const md5 = createHash('md5')
    let size = 0
    try {
      for await (const chunk of body) {
        await pace(chunk.length)
        md5.update(chunk)
        size += chunk.length
        await write(out, chunk)
      }
      await close(out)
      fs.mkdirSync(path.dirname(dest), { recursive: true })
      fs.renameSync(tmp, dest)
      return { size, md5: md5.digest() }
    } catch (err) {
      out.destroy()
      fs.rmSync(tmp, { force: true })
      throw err
    }
  }

  putBlob(blob: string, body: AsyncIterable<Buffer>, pace: (n: number) => Promise<void>) {
    return this.receive(body, this.path(blob), pace)
  }

  putBlock(
    blob: string,
    blockId: string,
    body: AsyncIterable<Buffer>,
    pace: (n: number) => Promise<void>
  ) {
    return this.receive(body, this.blockPath(blob, blockId), pace)
  }

  /** Joins staged blocks into the blob; the first missing block id when one is not staged. */
  async commitBlocks(blob: string, blockIds: string[]): Promise<Received | { missing: string }> {
    const missing = blockIds.find(id => !fs.existsSync(this.blockPath(blob, id)))
    if (missing !== undefined) return { missing }
    const tmp = this.tempPath()
    const out = fs.createWriteStream(tmp)
    const md5 = createHash('md5')
    try {
      for (const id of blockIds) {
        for await (const chunk of fs.createReadStream(this.blockPath(blob, id))) {
          md5.update(chunk as Buffer)
          await write(out, chunk as Buffer)
        }
      }
      await close(out)
      fs.renameSync(tmp, this.path(blob))
    } catch (err) {
      out.destroy()
      fs.rmSync(tmp, { force: true })
      throw err
    }
    fs.rmSync(path.join(this.dir, 'blocks', blob), { recursive: true, force: true })
    return { size: this.size(blob) ?? 0, md5: md5.digest() }
  }

  /**
   * Sets the blob's modification time to the emulator's clock (which may run ahead of the
   * real one), so Last-Modified and ETag of later reads agree with it; returns that time.
   */
  stamp(blob: string, mtimeMs: number): number {
    try {
      fs.utimesSync(this.path(blob), mtimeMs / 1000, mtimeMs / 1000)
    } catch {
      // Removed meanwhile (evicted or taken over): nothing to stamp.
    }
    return mtimeMs
  }

  remove(blob: string): void {
    fs.rmSync(this.path(blob), { force: true })
    fs.rmSync(path.join(this.dir, 'blocks', blob), { recursive: true, force: true })
  }
}
