// Where a bundle's bytes go as they download. A version-2 bundle is unpacked into the local
// store on the way in (bundle-stream.ts); anything else (a version-1 bundle from an older
// release of this action, or bytes that are no bundle at all) is written to a file, with its
// checksum taken on the way, and checked and unpacked from there once it is whole.

import * as fs from 'node:fs/promises'
import { BundleDigest } from '../bundle/bundle-digest.js'
import { BundleStreamUnpacker, streamsAsV2 } from '../bundle/bundle-stream.js'
import { MAGIC_BYTES, type BundleEntry } from '../bundle/format.js'
import type { LocalStore } from '../store/local-store.js'
import type { ByteSink } from './backend.js'

export class BundleIntake implements ByteSink {
  /** Set once the first bytes showed a bundle that unpacks as it streams. */
  streamed?: BundleStreamUnpacker
  /** The digest of what went to `file`, when the bytes went there. */
  readonly digest = new BundleDigest()
  /** Bytes taken, whichever way they went. */
  bytes = 0
  /** A first chunk shorter than the magic, copied (the stream may reuse it). */
  private first?: Buffer
  private output?: fs.FileHandle

  constructor(
    private readonly store: LocalStore,
    /** Written only when the bundle does not stream. */
    readonly file: string,
    private readonly onStored: (entry: BundleEntry) => void
  ) {}

  async write(chunk: Buffer): Promise<void> {
    this.bytes += chunk.length
    if (this.streamed) return this.streamed.write(chunk)
    if (this.output) return this.toFile(chunk)
    const head = this.first ? Buffer.concat([this.first, chunk]) : chunk
    if (head.length < MAGIC_BYTES) {
      this.first = Buffer.from(head)
      return
    }
    this.first = undefined
    if (streamsAsV2(head)) {
      this.streamed = new BundleStreamUnpacker(this.store, this.onStored)
      await this.streamed.write(head)
    } else {
      this.output = await fs.open(this.file, 'w')
      await this.toFile(head)
    }
  }

  /** Ends the file, if the bytes went to one (also a stream too short to tell). */
  async close(): Promise<void> {
    this.streamed?.discard()
    if (!this.streamed && !this.output && this.first) {
      this.output = await fs.open(this.file, 'w')
      await this.toFile(this.first)
    }
    await this.output?.close()
  }

  /** Whether a file was written for the caller to check and unpack. */
  get wroteFile(): boolean {
    return this.output !== undefined
  }

  private async toFile(chunk: Buffer): Promise<void> {
    await this.output!.write(chunk)
    this.digest.update(chunk)
  }
}
