// Writes a sealed bundle from files already in the local store, in one streaming pass.

import { createHash } from 'node:crypto'
import * as fs from 'node:fs/promises'
import {
  CHECKSUM_OFFSET_FROM_END,
  encodeTableRecord,
  encodeTrailer,
  START_MAGIC,
  TRAILER_BYTES,
  type BundleEntry
} from './format.js'

export interface EntrySource {
  actionID: Buffer
  outputID: Buffer
  size: number
  timeMs: number
  /** The output's file in the local store (immutable, named by content). */
  path: string
}

export interface WrittenBundle {
  file: string
  bytes: number
  /** SHA-256 of the whole file, hex: the bundle's name is derived from it. */
  sha256: string
  entries: BundleEntry[]
  /** Entries left out because their file vanished or changed size (trimmed, say). */
  skipped: EntrySource[]
}

const COPY_CHUNK = 1 << 20

export async function writeBundle(file: string, sources: EntrySource[]): Promise<WrittenBundle> {
  const out = await fs.open(file, 'wx')
  const hash = createHash('sha256')
  let position = 0
  const write = async (data: Buffer) => {
    hash.update(data)
    await out.write(data, 0, data.length, position)
    position += data.length
  }
  const entries: BundleEntry[] = []
  const skipped: EntrySource[] = []
  // Several actions may share an output: its bytes go in once.
  const offsets = new Map<string, number>()
  const chunk = Buffer.allocUnsafe(COPY_CHUNK)
  let sha256 = ''
  try {
    await write(START_MAGIC)
    for (const source of sources) {
      const outputHex = source.outputID.toString('hex')
      let offset = source.size === 0 ? 0 : offsets.get(outputHex)
      if (offset === undefined) {
        offset = position
        if (!(await copyInto(source, chunk, write))) {
          skipped.push(source)
          continue
        }
        offsets.set(outputHex, offset)
      }
      entries.push({ ...source, offset })
    }
    const tableOffset = position
    for (const entry of entries) await write(encodeTableRecord(entry))
    const trailer = encodeTrailer(tableOffset, entries.length)
    hash.update(trailer.subarray(0, TRAILER_BYTES - CHECKSUM_OFFSET_FROM_END))
    // The file's own SHA-256 (its name) continues from where the checksum stops.
    const whole = hash.copy()
    const checksum = hash.digest()
    checksum.copy(trailer, TRAILER_BYTES - CHECKSUM_OFFSET_FROM_END)
    sha256 = whole.update(trailer.subarray(TRAILER_BYTES - CHECKSUM_OFFSET_FROM_END)).digest('hex')
    await out.write(trailer, 0, trailer.length, position)
    position += trailer.length
  } catch (err) {
    await out.close().catch(() => {})
    await fs.rm(file, { force: true })
    throw err
  }
  await out.close()
  return { file, bytes: position, sha256, entries, skipped }
}

/** Appends one output's bytes; false if its file is gone or not the recorded size. */
async function copyInto(
  source: EntrySource,
  chunk: Buffer,
  write: (data: Buffer) => Promise<void>
): Promise<boolean> {
  let input
  try {
    input = await fs.open(source.path, 'r')
  } catch {
    return false
  }
  try {
    const { size } = await input.stat()
    if (size !== source.size) return false
    let copied = 0
    while (copied < size) {
      const { bytesRead } = await input.read(chunk, 0, Math.min(chunk.length, size - copied))
      if (bytesRead === 0) throw new Error(`${source.path} shrank while it was bundled`)
      await write(chunk.subarray(0, bytesRead))
      copied += bytesRead
    }
    return true
  } finally {
    await input.close()
  }
}
