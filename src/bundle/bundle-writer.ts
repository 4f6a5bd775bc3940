// Writes a sealed bundle from files already in the local store, in one streaming pass.

import { createHash } from 'node:crypto'
import * as fsSync from 'node:fs'
import * as fs from 'node:fs/promises'
import {
  CHECKSUM_OFFSET_FROM_END,
  encodeTableRecord,
  encodeTrailer,
  FORMAT_V1,
  FORMAT_VERSION,
  MAGIC_BYTES,
  START_MAGIC_V1,
  START_MAGIC_V2,
  TRAILER_BYTES,
  V2_TABLE_OFFSET,
  v2DataOffset,
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

type Write = (data: Buffer) => Promise<void>

/** `version` 1 is for tests that check old bundles are still read. */
export async function writeBundle(
  file: string,
  sources: EntrySource[],
  version: number = FORMAT_VERSION
): Promise<WrittenBundle> {
  const out = await fs.open(file, 'wx')
  const hash = createHash('sha256')
  let position = 0
  // Small outputs are gathered into one write per MiB: a thread-pool round trip per entry
  // cost more CPU than the copying, on the cores go compiles on.
  const staged = Buffer.allocUnsafe(COPY_CHUNK)
  let stagedBytes = 0
  const flush = async () => {
    if (stagedBytes === 0) return
    await out.write(staged, 0, stagedBytes, position)
    position += stagedBytes
    stagedBytes = 0
  }
  const write: Write = async data => {
    hash.update(data)
    if (stagedBytes + data.length > staged.length) await flush()
    if (data.length >= staged.length) {
      await out.write(data, 0, data.length, position)
      position += data.length
      return
    }
    data.copy(staged, stagedBytes)
    stagedBytes += data.length
  }
  try {
    const { entries, skipped, tableOffset } =
      version === FORMAT_V1 ? await writeV1Body(sources, write) : await writeV2Body(sources, write)
    await flush()
    const trailer = encodeTrailer(tableOffset, entries.length, version)
    hash.update(trailer.subarray(0, TRAILER_BYTES - CHECKSUM_OFFSET_FROM_END))
    // The file's own SHA-256 (its name) continues from where the checksum stops.
    const whole = hash.copy()
    const checksum = hash.digest()
    checksum.copy(trailer, TRAILER_BYTES - CHECKSUM_OFFSET_FROM_END)
    const sha256 = whole
      .update(trailer.subarray(TRAILER_BYTES - CHECKSUM_OFFSET_FROM_END))
      .digest('hex')
    await out.write(trailer, 0, trailer.length, position)
    position += trailer.length
    await out.close()
    return { file, bytes: position, sha256, entries, skipped }
  } catch (err) {
    await out.close().catch(() => {})
    await fs.rm(file, { force: true })
    throw err
  }
}

interface Body {
  entries: BundleEntry[]
  skipped: EntrySource[]
  tableOffset: number
}

/** A file's size; -1 when it cannot be read (gone, or unreadable): left out, never fatal. */
function sizeOf(file: string): number {
  try {
    return fsSync.statSync(file).size
  } catch {
    return -1
  }
}

/**
 * The table, settled before any data is copied: each output's offset from `dataStart` on,
 * an output shared by several actions once, sources whose file is gone or changed size left
 * out. `copies` are the outputs to copy, in offset order.
 */
async function layOut(sources: EntrySource[], dataStart: (count: number) => number) {
  const skipped: EntrySource[] = []
  const present: EntrySource[] = []
  for (const source of sources) {
    if (sizeOf(source.path) === source.size) present.push(source)
    else skipped.push(source)
  }
  const offsets = new Map<string, number>()
  const copies: EntrySource[] = []
  let next = dataStart(present.length)
  const entries: BundleEntry[] = present.map(source => {
    const outputHex = source.outputID.toString('hex')
    let offset = source.size === 0 ? 0 : offsets.get(outputHex)
    if (offset === undefined) {
      offset = next
      next += source.size
      offsets.set(outputHex, offset)
      copies.push(source)
    }
    return { ...source, offset }
  })
  return { entries, skipped, copies, dataEnd: next }
}

/** The table already names every copied file: one that changed since cannot be left out. */
async function copyAll(copies: EntrySource[], write: Write): Promise<void> {
  const chunk = Buffer.allocUnsafe(COPY_CHUNK)
  for (const source of copies) {
    // The upload fails instead, and its entries stay in the local store.
    if (!(await copyInto(source, chunk, write))) {
      throw new Error(`${source.path} changed while it was bundled`)
    }
  }
}

/** Magic, table and its checksum, then the data. */
async function writeV2Body(sources: EntrySource[], write: Write): Promise<Body> {
  const { entries, skipped, copies } = await layOut(sources, v2DataOffset)
  const count = Buffer.alloc(4)
  count.writeUInt32BE(entries.length)
  const head = Buffer.concat([START_MAGIC_V2, count, ...entries.map(encodeTableRecord)])
  await write(head)
  await write(createHash('sha256').update(head).digest())
  await copyAll(copies, write)
  return { entries, skipped, tableOffset: V2_TABLE_OFFSET }
}

/** Magic, data, then the table (the layout earlier releases wrote). */
async function writeV1Body(sources: EntrySource[], write: Write): Promise<Body> {
  const { entries, skipped, copies, dataEnd } = await layOut(sources, () => MAGIC_BYTES)
  await write(START_MAGIC_V1)
  await copyAll(copies, write)
  for (const entry of entries) await write(encodeTableRecord(entry))
  return { entries, skipped, tableOffset: dataEnd }
}

/** Appends one output's bytes; false if its file is gone or not the recorded size. */
async function copyInto(source: EntrySource, chunk: Buffer, write: Write): Promise<boolean> {
  if (source.size <= chunk.length) {
    const bytes = readSmall(source, chunk)
    if (!bytes) return false
    await write(bytes)
    return true
  }
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

/** A small output's bytes in `chunk`, read synchronously (see writeBundle); undefined if not. */
function readSmall(source: EntrySource, chunk: Buffer): Buffer | undefined {
  let fd
  try {
    fd = fsSync.openSync(source.path, 'r')
  } catch {
    return undefined
  }
  try {
    if (fsSync.fstatSync(fd).size !== source.size) return undefined
    let read = 0
    while (read < source.size) {
      const n = fsSync.readSync(fd, chunk, read, source.size - read, null)
      if (n === 0) throw new Error(`${source.path} shrank while it was bundled`)
      read += n
    }
    return chunk.subarray(0, source.size)
  } finally {
    fsSync.closeSync(fd)
  }
}
