// Strict, incremental decoder for standard padded base64 (what Go's encoding/base64 writes).
// Node's own decoder silently skips bad characters; a corrupt body must be refused instead.

const VALID = new Uint8Array(256)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') {
  VALID[c.charCodeAt(0)] = 1
}
const PAD = 0x3d

export class Base64Decoder {
  private carry = Buffer.alloc(0)
  private padded = false

  /** Decodes what can be decoded of `text`; keeps an incomplete quad for the next call. */
  write(text: Buffer): Buffer {
    if (text.length === 0) return text
    for (let i = 0; i < text.length; i++) {
      const c = text[i]
      if (c === PAD) {
        this.padded = true
      } else if (VALID[c] === 0 || this.padded) {
        const what = VALID[c] === 0 ? `byte 0x${c.toString(16).padStart(2, '0')}` : 'data'
        throw new Error(
          `body is not valid base64: ${what} after ${this.padded ? 'padding' : 'data'}`
        )
      }
    }
    const all = this.carry.length > 0 ? Buffer.concat([this.carry, text]) : text
    const whole = all.length - (all.length % 4)
    // Copy the carry: `text` belongs to the caller's chunk and may be reused.
    this.carry = Buffer.from(all.subarray(whole))
    return whole > 0 ? Buffer.from(all.toString('latin1', 0, whole), 'base64') : Buffer.alloc(0)
  }

  /** Ends the input; padded base64 always comes in whole quads. */
  end(): Buffer {
    if (this.carry.length !== 0) {
      throw new Error(`body is not valid base64: ${this.carry.length} trailing characters`)
    }
    return Buffer.alloc(0)
  }
}
