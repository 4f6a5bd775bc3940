// The bundle file layout (docs/bundle-format.md). Version 2, what this build writes: a start
// magic, the entry table under its own SHA-256, the entries' bytes back to back, and a trailer
// holding a SHA-256 of everything before it. The table comes first so that a bundle can be
// unpacked while it downloads. Version 1 (still read) keeps the table behind the data.

export const START_MAGIC_V1 = Buffer.from('GOCBNDL1', 'latin1')
export const START_MAGIC_V2 = Buffer.from('GOCBNDL2', 'latin1')
export const MAGIC_BYTES = 8
export const END_MAGIC = Buffer.from('GOCBEND1', 'latin1')
export const FORMAT_V1 = 1
export const FORMAT_V2 = 2
/** The version this build writes. */
export const FORMAT_VERSION = FORMAT_V2
/** Version 2: where the table starts, after the magic and the entry count (4). */
export const V2_TABLE_OFFSET = MAGIC_BYTES + 4
/** Version 2: the SHA-256 of the magic, count and table that follows the table. */
export const HEAD_CHECKSUM_BYTES = 32
export const ID_BYTES = 32
/** ActionID, OutputID, offset, size, time: 32 + 32 + 8 + 8 + 8. */
export const TABLE_RECORD_BYTES = 88
/** Table offset (8), entry count (4), version (4), SHA-256 (32), end magic (8). */
export const TRAILER_BYTES = 56
/** The checksum covers every byte before its own field. */
export const CHECKSUM_OFFSET_FROM_END = 40

export interface BundleEntry {
  actionID: Buffer
  outputID: Buffer
  /** Where the bytes start in the file; 0 for an empty entry, which has no bytes. */
  offset: number
  size: number
  timeMs: number
}

export function encodeTableRecord(entry: BundleEntry): Buffer {
  const record = Buffer.alloc(TABLE_RECORD_BYTES)
  entry.actionID.copy(record, 0)
  entry.outputID.copy(record, 32)
  record.writeBigUInt64BE(BigInt(entry.offset), 64)
  record.writeBigUInt64BE(BigInt(entry.size), 72)
  record.writeBigUInt64BE(BigInt(entry.timeMs), 80)
  return record
}

export function decodeTableRecord(record: Buffer): BundleEntry {
  return {
    actionID: Buffer.from(record.subarray(0, 32)),
    outputID: Buffer.from(record.subarray(32, 64)),
    offset: Number(record.readBigUInt64BE(64)),
    size: Number(record.readBigUInt64BE(72)),
    timeMs: Number(record.readBigUInt64BE(80))
  }
}

/** Version 2: where the data starts in a bundle of `count` entries. */
export function v2DataOffset(count: number): number {
  return V2_TABLE_OFFSET + count * TABLE_RECORD_BYTES + HEAD_CHECKSUM_BYTES
}

/** The trailer without its checksum field filled in. */
export function encodeTrailer(tableOffset: number, count: number, version: number): Buffer {
  const trailer = Buffer.alloc(TRAILER_BYTES)
  trailer.writeBigUInt64BE(BigInt(tableOffset), 0)
  trailer.writeUInt32BE(count, 8)
  trailer.writeUInt32BE(version, 12)
  END_MAGIC.copy(trailer, TRAILER_BYTES - END_MAGIC.length)
  return trailer
}

export interface Trailer {
  tableOffset: number
  count: number
  version: number
  checksum: Buffer
}

export function decodeTrailer(trailer: Buffer): Trailer {
  if (!trailer.subarray(TRAILER_BYTES - END_MAGIC.length).equals(END_MAGIC)) {
    throw new BundleError('no bundle trailer (truncated or not a bundle)')
  }
  return {
    tableOffset: Number(trailer.readBigUInt64BE(0)),
    count: trailer.readUInt32BE(8),
    version: trailer.readUInt32BE(12),
    checksum: Buffer.from(trailer.subarray(16, 48))
  }
}

/** A bundle that must not be used: wrong magic, bad checksum, inconsistent table. */
export class BundleError extends Error {}
