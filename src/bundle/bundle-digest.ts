// A bundle's checksum taken from its bytes as they are written, so a downloaded bundle need
// not be read back and hashed again before it is unpacked (SHA-256 costs about 0.7 s of CPU
// per GiB here, on the cores go compiles on). The checksum covers all but the file's last
// CHECKSUM_OFFSET_FROM_END bytes, and a stream does not say where it ends: the last bytes
// seen are held back until more arrive.

import { createHash } from 'node:crypto'
import { CHECKSUM_OFFSET_FROM_END } from './format.js'

const HOLD = CHECKSUM_OFFSET_FROM_END

export class BundleDigest {
  private readonly hash = createHash('sha256')
  private tail = Buffer.alloc(0)
  /** Bytes seen: the digest stands for a file of exactly this size. */
  bytes = 0

  update(chunk: Buffer): void {
    this.bytes += chunk.length
    if (chunk.length >= HOLD) {
      this.hash.update(this.tail)
      this.hash.update(chunk.subarray(0, chunk.length - HOLD))
      // A copy: the stream may reuse the chunk's memory once it is written.
      this.tail = Buffer.from(chunk.subarray(chunk.length - HOLD))
      return
    }
    const joined = Buffer.concat([this.tail, chunk])
    const keep = Math.min(HOLD, joined.length)
    this.hash.update(joined.subarray(0, joined.length - keep))
    this.tail = joined.subarray(joined.length - keep)
  }

  /** The SHA-256 of every byte seen but the last CHECKSUM_OFFSET_FROM_END; call it once. */
  digest(): Buffer {
    return this.hash.digest()
  }
}
