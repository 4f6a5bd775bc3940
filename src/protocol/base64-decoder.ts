// Strict, incremental decoder for standard padded base64 (what Go's encoding/base64 writes).
// Node's own decoder silently skips bad characters; a corrupt body must be refused instead.

const VALID = new Uint8Array(256)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') {
  VALID[c.charCodeAt(0)] = 1
}
const PAD = 0x3d

export class Base64Decoder {
  private carry = Buffer.alloc(0)
  /** A whole quad ended in padding: nothing may follow. */
  private padded = false

  /** Decodes what can be decoded of `text`; keeps an incomplete quad for the next call. */
  write(text: Buffer): Buffer {
    if (text.length === 0) return text
    const all = this.carry.length > 0 ? Buffer.concat([this.carry, text]) : text
    const whole = all.length - (all.length % 4)
    // Copy the carry: `text` belongs to the caller's chunk and may be reused.
    this.carry = Buffer.from(all.subarray(whole))
    if (whole === 0) return Buffer.alloc(0)
    const quads = all.toString('latin1', 0, whole)
    const bytes = Buffer.from(quads, 'base64')
    // Node's decoder skips what is not base64 (and takes base64url's letters): only a text
    // that encodes back to itself is what Go wrote. Native passes, not a loop in JavaScript
    // over every byte (that loop was ~1 s of the daemon's CPU in a release job).
    if (this.padded || bytes.toString('base64') !== quads) throw new Error(this.whatIsWrong(quads))
    this.padded = quads.charCodeAt(whole - 1) === PAD
    return bytes
  }

  /** Only for the message: the first byte that is wrong, and why. */
  private whatIsWrong(chars: string): string {
    let padded = this.padded
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i)
      if (c === PAD) {
        padded = true
      } else if (VALID[c] === 0 || padded) {
        const what = VALID[c] === 0 ? `byte 0x${c.toString(16).padStart(2, '0')}` : 'data'
        return `body is not valid base64: ${what} after ${padded ? 'padding' : 'data'}`
      }
    }
    // Every byte is a letter in its place: the last quad sets bits the data does not have.
    return this.padded
      ? 'body is not valid base64: data after padding'
      : 'body is not valid base64: not canonical (bits set beyond the data)'
  }

  /** Ends the input; padded base64 always comes in whole quads. */
  end(): Buffer {
    if (this.carry.length !== 0) {
      throw new Error(`body is not valid base64: ${this.carry.length} trailing characters`)
    }
    return Buffer.alloc(0)
  }
}
