// Unpacks a version-2 bundle while it downloads. Its table arrives first, under its own
// SHA-256, so every entry can go into the local store as soon as its last byte is in: go
// waits for one entry, not for the whole bundle, and the bundle is never written to disk and
// read back. Every byte is checked once: the head by the table's checksum, the data by each
// entry's OutputID (the outputs must tile it exactly), the trailer by its fields. The
// trailer's whole-file checksum would hash every byte a second time, on the cores go compiles
// on, to learn nothing more, so it is left to readers of a bundle file.

import { createHash } from 'node:crypto'
import type { LocalStore } from '../store/local-store.js'
import type { SyncImport } from '../store/output-writers.js'
import {
  BundleError,
  decodeTableRecord,
  decodeTrailer,
  FORMAT_V2,
  HEAD_CHECKSUM_BYTES,
  MAGIC_BYTES,
  START_MAGIC_V2,
  TABLE_RECORD_BYTES,
  TRAILER_BYTES,
  V2_TABLE_OFFSET,
  v2DataOffset,
  type BundleEntry
} from './format.js'

/** A table bigger than this is a damaged count, not a bundle (about 760,000 entries). */
const MAX_TABLE_BYTES = 64 << 20
/**
 * An output spread over chunks and no bigger than this is copied together in memory, then
 * stored in one step; a bigger one is written to its file piece by piece as it comes. Several
 * downloads stream at once, and a std archive of 8 MiB held whole by each showed in the
 * daemon's peak memory.
 */
const GATHERED_OUTPUT_LIMIT = 1 << 20

/** The bytes of one output and the entries (actions) that share them. */
interface Segment {
  offset: number
  size: number
  entries: BundleEntry[]
}

/** Whether a stream that starts with `head` (its first bytes) is a bundle this unpacks. */
export function streamsAsV2(head: Buffer): boolean {
  return head.length >= MAGIC_BYTES && head.subarray(0, MAGIC_BYTES).equals(START_MAGIC_V2)
}

export class BundleStreamUnpacker {
  /** Entries now in the local store (new ones and ones it already had). */
  readonly unpacked: BundleEntry[] = []
  /** Entries whose bytes did not hash to their OutputID: left out. */
  corrupt = 0
  private head: Buffer[] = []
  private headBytes = 0
  private headNeeded = V2_TABLE_OFFSET
  private entries?: BundleEntry[]
  private segments: Segment[] = []
  private segment = 0
  /** The current segment's bytes so far (small segments), or its import (big ones). */
  private buffer?: Buffer
  private filled = 0
  private importing?: SyncImport
  private trailer: Buffer[] = []
  private trailerBytes = 0

  constructor(
    private readonly store: LocalStore,
    /** Called as each entry is in the store (stored now, or there already). */
    private readonly onStored?: (entry: BundleEntry) => void
  ) {}

  async write(chunk: Buffer): Promise<void> {
    let at = 0
    while (at < chunk.length) {
      if (!this.entries) {
        const take = Math.min(this.headNeeded - this.headBytes, chunk.length - at)
        this.head.push(Buffer.from(chunk.subarray(at, at + take)))
        this.headBytes += take
        at += take
        if (this.headBytes === this.headNeeded) this.readHead()
      } else if (this.segment < this.segments.length) {
        at += this.feed(chunk.subarray(at))
      } else {
        const take = chunk.length - at
        if (this.trailerBytes + take > TRAILER_BYTES) throw new BundleError('bytes after the end')
        this.trailer.push(Buffer.from(chunk.subarray(at)))
        this.trailerBytes += take
        at += take
      }
    }
  }

  /**
   * Checks that the stream ended with the trailer it should have and that every entry was
   * whole; throws if not, and the bundle leaves the index as a damaged file would.
   */
  finish(): void {
    if (!this.entries || this.segment < this.segments.length || this.trailerBytes < TRAILER_BYTES) {
      throw new BundleError('the bundle ended early (truncated?)')
    }
    const trailer = decodeTrailer(Buffer.concat(this.trailer))
    const fits =
      trailer.version === FORMAT_V2 &&
      trailer.tableOffset === V2_TABLE_OFFSET &&
      trailer.count === this.entries.length
    if (!fits) throw new BundleError('the trailer does not match the head')
    if (this.corrupt > 0) {
      throw new BundleError(`${this.corrupt} entries did not hash to their OutputID`)
    }
  }

  private readHead(): void {
    const head = Buffer.concat(this.head)
    this.head = []
    if (this.headNeeded === V2_TABLE_OFFSET) {
      if (!streamsAsV2(head)) throw new BundleError('not a version 2 bundle (bad magic)')
      const tableBytes = head.readUInt32BE(MAGIC_BYTES) * TABLE_RECORD_BYTES
      if (tableBytes > MAX_TABLE_BYTES) throw new BundleError('an impossible entry count')
      this.head = [head]
      this.headNeeded = v2DataOffset(tableBytes / TABLE_RECORD_BYTES)
      return
    }
    const tableEnd = head.length - HEAD_CHECKSUM_BYTES
    const checksum = createHash('sha256').update(head.subarray(0, tableEnd)).digest()
    if (!checksum.equals(head.subarray(tableEnd))) throw new BundleError('table checksum mismatch')
    const entries: BundleEntry[] = []
    for (let at = V2_TABLE_OFFSET; at < tableEnd; at += TABLE_RECORD_BYTES) {
      entries.push(decodeTableRecord(head.subarray(at, at + TABLE_RECORD_BYTES)))
    }
    this.segments = segmentsOf(entries, head.length)
    this.entries = entries
    for (const entry of entries) {
      if (entry.size === 0) this.importWhole(entry, Buffer.alloc(0))
    }
  }

  /** Takes the current segment's next bytes from `data`; returns how many it took. */
  private feed(data: Buffer): number {
    const segment = this.segments[this.segment]
    const take = Math.min(segment.size - this.filled, data.length)
    const part = data.subarray(0, take)
    if (this.filled === 0 && take === segment.size) {
      // The whole output is in this chunk: no copy.
      this.buffer = part
    } else if (segment.size > GATHERED_OUTPUT_LIMIT) {
      const outputHex = segment.entries[0].outputID.toString('hex')
      this.importing ??= this.store.beginImportSync(outputHex, segment.size)
      this.importing.write(part)
    } else {
      this.buffer ??= Buffer.allocUnsafe(segment.size)
      part.copy(this.buffer, this.filled)
    }
    this.filled += take
    if (this.filled === segment.size) this.endSegment(segment)
    return take
  }

  /** Drops an output half written when the download stops (the bundle failed). */
  discard(): void {
    this.importing?.abort()
    this.importing = undefined
  }

  private endSegment(segment: Segment): void {
    if (this.importing) {
      const actions = segment.entries.map(entry => ({
        actionHex: entry.actionID.toString('hex'),
        timeMs: entry.timeMs
      }))
      const whole = this.importing.finish(actions)
      this.importing = undefined
      for (const entry of segment.entries) {
        if (whole) this.stored(entry)
        else this.corrupt++
      }
    } else {
      for (const entry of segment.entries) this.importWhole(entry, this.buffer!)
    }
    this.buffer = undefined
    this.filled = 0
    this.segment++
  }

  private importWhole(entry: BundleEntry, data: Buffer): void {
    const actionHex = entry.actionID.toString('hex')
    if (this.store.importSync(actionHex, entry.outputID.toString('hex'), data, entry.timeMs)) {
      this.stored(entry)
    } else this.corrupt++
  }

  private stored(entry: BundleEntry): void {
    this.unpacked.push(entry)
    this.onStored?.(entry)
  }
}

/**
 * The outputs in the order their bytes come: they must tile the data from its start with no
 * gap or overlap, the writer's layout, or the table is not one this can stream.
 */
function segmentsOf(entries: BundleEntry[], dataStart: number): Segment[] {
  const byOffset = new Map<number, Segment>()
  for (const entry of entries) {
    if (entry.size === 0) continue
    const segment = byOffset.get(entry.offset)
    if (!segment)
      byOffset.set(entry.offset, { offset: entry.offset, size: entry.size, entries: [entry] })
    else if (segment.size === entry.size) segment.entries.push(entry)
    else throw new BundleError('two entries share an offset but not a size')
  }
  const segments = [...byOffset.values()].sort((a, b) => a.offset - b.offset)
  let next = dataStart
  for (const segment of segments) {
    if (segment.offset !== next) throw new BundleError('the entries do not tile the data')
    next += segment.size
  }
  return segments
}
