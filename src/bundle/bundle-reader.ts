// Opens a bundle only after checking all of it: a bundle that fails any check is rejected
// whole, so its entries become misses and nothing from it is served.

import { createHash } from 'node:crypto'
import { readSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import type { LocalStore } from '../store/local-store.js'
import type { BundleDigest } from './bundle-digest.js'
import {
  BundleError,
  CHECKSUM_OFFSET_FROM_END,
  decodeTableRecord,
  decodeTrailer,
  FORMAT_V1,
  FORMAT_V2,
  MAGIC_BYTES,
  START_MAGIC_V1,
  START_MAGIC_V2,
  TABLE_RECORD_BYTES,
  TRAILER_BYTES,
  V2_TABLE_OFFSET,
  v2DataOffset,
  type BundleEntry
} from './format.js'

const READ_CHUNK = 1 << 20

/**
 * Validates magic, trailer, table bounds and the whole-file checksum; returns the table.
 * `streamed`: the digest of the bytes as they were written to `file`, which stands in for
 * reading them back when it saw exactly the file's size.
 */
export async function readBundleTable(
  file: string,
  streamed?: BundleDigest
): Promise<BundleEntry[]> {
  const input = await fs.open(file, 'r')
  try {
    const { size } = await input.stat()
    if (size < MAGIC_BYTES + TRAILER_BYTES) throw new BundleError(`too short (${size} bytes)`)
    const head = await readAt(input, 0, MAGIC_BYTES)
    const version = head.equals(START_MAGIC_V2)
      ? FORMAT_V2
      : head.equals(START_MAGIC_V1)
        ? FORMAT_V1
        : 0
    if (!version) throw new BundleError('not a bundle (bad magic)')
    const trailer = decodeTrailer(await readAt(input, size - TRAILER_BYTES, TRAILER_BYTES))
    if (trailer.version !== version) {
      throw new BundleError(`format version ${trailer.version} in a version ${version} bundle`)
    }
    const tableBytes = trailer.count * TABLE_RECORD_BYTES
    // Where the entries' bytes may lie: between the table and the trailer (version 2), or
    // between the magic and the table (version 1).
    let data: { start: number; end: number }
    let fits: boolean
    if (version === FORMAT_V2) {
      data = { start: v2DataOffset(trailer.count), end: size - TRAILER_BYTES }
      fits = trailer.tableOffset === V2_TABLE_OFFSET && data.start <= data.end
    } else {
      data = { start: MAGIC_BYTES, end: trailer.tableOffset }
      fits = data.end >= data.start && data.end + tableBytes === size - TRAILER_BYTES
    }
    if (!fits) throw new BundleError('entry table does not fit the file (truncated?)')
    const checksum = streamed?.bytes === size ? streamed.digest() : await fileChecksum(input, size)
    if (!checksum.equals(trailer.checksum)) throw new BundleError('checksum mismatch')
    const table = await readAt(input, trailer.tableOffset, tableBytes)
    if (version === FORMAT_V2) {
      const count = (await readAt(input, MAGIC_BYTES, 4)).readUInt32BE(0)
      if (count !== trailer.count) throw new BundleError('head and trailer disagree on the count')
    }
    const entries: BundleEntry[] = []
    for (let at = 0; at < table.length; at += TABLE_RECORD_BYTES) {
      const entry = decodeTableRecord(table.subarray(at, at + TABLE_RECORD_BYTES))
      const inData = entry.offset >= data.start && entry.offset + entry.size <= data.end
      if (entry.size > 0 && !inData) throw new BundleError('an entry points outside the data')
      entries.push(entry)
    }
    return entries
  } finally {
    await input.close()
  }
}

async function fileChecksum(input: fs.FileHandle, size: number): Promise<Buffer> {
  const hash = createHash('sha256')
  const covered = size - CHECKSUM_OFFSET_FROM_END
  // One chunk buffer for the whole file: the daemon checks bundles while go builds, and
  // a fresh megabyte per read would show up as the daemon's peak memory.
  const chunk = Buffer.allocUnsafe(READ_CHUNK)
  for (let at = 0; at < covered; at += READ_CHUNK) {
    hash.update(await readAt(input, at, Math.min(READ_CHUNK, covered - at), chunk))
  }
  return hash.digest()
}

export interface UnpackResult {
  /** Entries now in the local store (new ones and ones it already had). */
  unpacked: BundleEntry[]
  /** Entries whose bytes did not hash to their OutputID: left out. */
  corrupt: number
}

/** Entries up to this size are read and stored in one synchronous step each. */
export const SYNC_ENTRY_LIMIT = 8 << 20
/** Synchronous work runs in slices this long, so gets waiting on the daemon still get in. */
const SLICE_MS = 1

export interface UnpackOptions {
  /** Called as each entry is in the store (stored now, or there already). */
  onStored?: (entry: BundleEntry) => void
  /** Actions (hex) someone is waiting for: they are unpacked next. The unpacker drains it. */
  wanted?: string[]
}

/** Copies a validated bundle's entries into the local store; each is hashed on the way in. */
export async function unpackBundle(
  file: string,
  entries: BundleEntry[],
  store: LocalStore,
  options: UnpackOptions = {}
): Promise<UnpackResult> {
  const input = await fs.open(file, 'r')
  const unpacked: BundleEntry[] = []
  let corrupt = 0
  const wanted = options.wanted ?? []
  const position = new Map(entries.map((entry, i) => [entry.actionID.toString('hex'), i]))
  const done = new Uint8Array(entries.length)
  // Small entries are stored synchronously, so one buffer serves them all in turn.
  const scratch = { buffer: Buffer.allocUnsafe(0) }
  let next = 0
  let sliceStart = Date.now()
  try {
    for (let count = 0; count < entries.length; count++) {
      if (Date.now() - sliceStart >= SLICE_MS) {
        await new Promise(resolve => setImmediate(resolve))
        sliceStart = Date.now()
      }
      let at = -1
      while (at < 0 && wanted.length > 0) {
        const candidate = position.get(wanted.shift()!)
        if (candidate !== undefined && !done[candidate]) at = candidate
      }
      if (at < 0) {
        while (done[next]) next++
        at = next
      }
      done[at] = 1
      const entry = entries[at]
      const stored =
        entry.size <= SYNC_ENTRY_LIMIT
          ? importSmall(input.fd, entry, store, scratch)
          : await importLarge(input, entry, store)
      if (!stored) {
        corrupt++
        continue
      }
      unpacked.push(entry)
      options.onStored?.(entry)
    }
  } finally {
    await input.close()
  }
  return { unpacked, corrupt }
}

function importSmall(
  fd: number,
  entry: BundleEntry,
  store: LocalStore,
  scratch: { buffer: Buffer }
): boolean {
  if (scratch.buffer.length < entry.size) {
    scratch.buffer = Buffer.allocUnsafe(Math.max(entry.size, 256 << 10))
  }
  const data = scratch.buffer.subarray(0, entry.size)
  let done = 0
  while (done < entry.size) {
    const read = readSync(fd, data, done, entry.size - done, entry.offset + done)
    if (read === 0) throw new BundleError('unexpected end of file')
    done += read
  }
  const actionHex = entry.actionID.toString('hex')
  return store.importSync(actionHex, entry.outputID.toString('hex'), data, entry.timeMs)
}

/** Streams a big entry through a put, so it never sits in memory whole. */
async function importLarge(
  input: fs.FileHandle,
  entry: BundleEntry,
  store: LocalStore
): Promise<boolean> {
  if (await store.hasAction(entry.actionID)) return true
  const writer = store.beginPut(entry.actionID, entry.outputID, entry.size, entry.timeMs)
  try {
    for (let at = 0; at < entry.size; at += READ_CHUNK) {
      const length = Math.min(READ_CHUNK, entry.size - at)
      await writer.write(await readAt(input, entry.offset + at, length))
    }
    await writer.finish()
    return true
  } catch {
    writer.abort()
    return false
  }
}

async function readAt(
  input: fs.FileHandle,
  position: number,
  length: number,
  into?: Buffer
): Promise<Buffer> {
  const buffer = into ? into.subarray(0, length) : Buffer.alloc(length)
  let done = 0
  while (done < length) {
    const { bytesRead } = await input.read(buffer, done, length - done, position + done)
    if (bytesRead === 0) throw new BundleError('unexpected end of file')
    done += bytesRead
  }
  return buffer
}
