import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { readBundleTable } from '../src/bundle/bundle-reader.js'
import { BundleStreamUnpacker } from '../src/bundle/bundle-stream.js'
import { writeBundle, type EntrySource } from '../src/bundle/bundle-writer.js'
import { BundleError, FORMAT_V1, type BundleEntry } from '../src/bundle/format.js'
import { BundleIntake } from '../src/remote/bundle-intake.js'
import { LocalStore } from '../src/store/local-store.js'
import { actionId, sha256 } from './helpers/protocol.js'
import { tempDir } from './helpers/tmp.js'

const BIG = Buffer.alloc(9 << 20, 5)
BIG[12345] = 1
const BODIES = [
  Buffer.from('first object'),
  BIG,
  Buffer.from('first object'),
  Buffer.alloc(0),
  Buffer.alloc(300_000, 3),
  Buffer.from('last')
]

async function bundleOf(bodies: Buffer[], version?: number): Promise<Buffer> {
  const store = await LocalStore.open(tempDir())
  const sources: EntrySource[] = []
  for (const [i, body] of bodies.entries()) {
    const writer = store.beginPut(actionId(i), sha256(body), body.length)
    await writer.write(body)
    sources.push({
      actionID: actionId(i),
      outputID: sha256(body),
      size: body.length,
      timeMs: 1_700_000_000_000 + i,
      path: await writer.finish()
    })
  }
  const file = path.join(tempDir(), 'bundle')
  await writeBundle(file, sources, version)
  return fs.readFileSync(file)
}

/** Feeds `bytes` in chunks of the given sizes, round and round, as a download would. */
async function feed(sink: { write(c: Buffer): Promise<void> }, bytes: Buffer, sizes: number[]) {
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length]
    await sink.write(Buffer.from(bytes.subarray(at, at + n)))
    at += n
  }
}

const INDEX = new Map(BODIES.map((_, i) => [actionId(i).toString('hex'), i]))

function unpackerInto(store: LocalStore) {
  const order: number[] = []
  const unpacker = new BundleStreamUnpacker(store, (entry: BundleEntry) =>
    order.push(INDEX.get(entry.actionID.toString('hex'))!)
  )
  return { unpacker, order }
}

describe('a version 2 bundle unpacked as it streams', () => {
  it.each([[[1 << 30]], [[1, 3, 2, 1 << 20]], [[7, 65536]], [[256 << 10]], [[13, 100_003, 5]]])(
    'puts every entry in the store as its bytes arrive (chunks of %j)',
    async sizes => {
      const bytes = await bundleOf(BODIES)
      const store = await LocalStore.open(tempDir())
      const { unpacker, order } = unpackerInto(store)
      await feed(unpacker, bytes, sizes)
      unpacker.finish()
      expect(unpacker.corrupt).toBe(0)
      // The empty entry needs no bytes: it is in as soon as the table is.
      expect(order).toEqual([3, 0, 2, 1, 4, 5])
      for (const [i, body] of BODIES.entries()) {
        const hit = await store.get(actionId(i))
        expect(fs.readFileSync(hit!.diskPath).equals(body)).toBe(true)
        expect(hit!.time.getTime()).toBe(1_700_000_000_000 + i)
      }
    }
  )

  it('lands an entry before the rest of the bundle has arrived', async () => {
    const bytes = await bundleOf(BODIES)
    const store = await LocalStore.open(tempDir())
    const { unpacker, order } = unpackerInto(store)
    // Up to the end of the first output ('first object', shared by entries 0 and 2).
    const table = await readBundleTable(await fileOf(bytes))
    await unpacker.write(bytes.subarray(0, table[0].offset + table[0].size))
    expect(order).toEqual([3, 0, 2])
    expect(await store.get(actionId(0))).toBeDefined()
    expect(await store.get(actionId(1))).toBeUndefined()
  })

  it('stores nothing from a bundle whose table is damaged', async () => {
    const bytes = await bundleOf(BODIES)
    bytes[20] ^= 0xff
    const store = await LocalStore.open(tempDir())
    const { unpacker, order } = unpackerInto(store)
    await expect(feed(unpacker, bytes, [4096])).rejects.toThrow(/table checksum mismatch/)
    expect(order).toEqual([])
  })

  it('leaves out an entry whose bytes are damaged, and fails the bundle at its end', async () => {
    const bytes = await bundleOf(BODIES)
    const table = await readBundleTable(await fileOf(bytes))
    bytes[table[4].offset + 10] ^= 0xff
    const store = await LocalStore.open(tempDir())
    const { unpacker, order } = unpackerInto(store)
    await feed(unpacker, bytes, [65536])
    expect(unpacker.corrupt).toBe(1)
    expect(order).toEqual([3, 0, 2, 1, 5])
    expect(await store.get(actionId(4))).toBeUndefined()
    expect(() => unpacker.finish()).toThrow(/1 entries did not hash to their OutputID/)
  })

  it('writes a big output to its file as it comes, and leaves it out when damaged', async () => {
    const bytes = await bundleOf(BODIES)
    const table = await readBundleTable(await fileOf(bytes))
    bytes[table[1].offset + (5 << 20)] ^= 0xff
    const store = await LocalStore.open(tempDir())
    const { unpacker, order } = unpackerInto(store)
    await feed(unpacker, bytes, [256 << 10])
    expect(unpacker.corrupt).toBe(1)
    expect(order).toEqual([3, 0, 2, 4, 5])
    expect(await store.get(actionId(1))).toBeUndefined()
    expect(fs.existsSync(store.outputPath(sha256(BIG).toString('hex')))).toBe(false)
    expect(fs.readdirSync(path.join(store.dir, 'tmp'))).toEqual([])
  })

  it('shares one big output between two actions, written once', async () => {
    const bytes = await bundleOf([BIG, Buffer.from('x'), BIG])
    const store = await LocalStore.open(tempDir())
    const unpacker = new BundleStreamUnpacker(store)
    await feed(unpacker, bytes, [100_000])
    unpacker.finish()
    for (const i of [0, 2]) {
      const hit = await store.get(actionId(i))
      expect(fs.readFileSync(hit!.diskPath).equals(BIG)).toBe(true)
    }
    expect(fs.readdirSync(path.join(store.dir, 'tmp'))).toEqual([])
  })

  it('fails a bundle cut short, or one with bytes after its end', async () => {
    const bytes = await bundleOf(BODIES)
    const cut = new BundleStreamUnpacker(await LocalStore.open(tempDir()))
    await feed(cut, bytes.subarray(0, bytes.length - 10), [65536])
    expect(() => cut.finish()).toThrow(BundleError)
    const long = new BundleStreamUnpacker(await LocalStore.open(tempDir()))
    await expect(feed(long, Buffer.concat([bytes, Buffer.alloc(1)]), [65536])).rejects.toThrow(
      /bytes after the end/
    )
  })

  it('fails a bundle whose trailer does not match its head', async () => {
    const bytes = await bundleOf(BODIES)
    bytes[bytes.length - 41] ^= 0xff // the trailer's version
    const unpacker = new BundleStreamUnpacker(await LocalStore.open(tempDir()))
    await feed(unpacker, bytes, [65536])
    expect(() => unpacker.finish()).toThrow(/trailer does not match/)
  })

  it('refuses a stream that is not a version 2 bundle', async () => {
    const v1 = await bundleOf(BODIES, FORMAT_V1)
    const unpacker = new BundleStreamUnpacker(await LocalStore.open(tempDir()))
    await expect(unpacker.write(v1)).rejects.toThrow(/bad magic/)
  })
})

describe('a bundle download', () => {
  it('streams a version 2 bundle into the store and writes no file', async () => {
    const bytes = await bundleOf(BODIES)
    const store = await LocalStore.open(tempDir())
    const file = path.join(tempDir(), 'bundle')
    const landed: BundleEntry[] = []
    const intake = new BundleIntake(store, file, entry => landed.push(entry))
    // A first chunk shorter than the magic is kept until the magic is whole.
    await feed(intake, bytes, [3, 256 << 10])
    await intake.close()
    expect(intake.wroteFile).toBe(false)
    expect(fs.existsSync(file)).toBe(false)
    intake.streamed!.finish()
    expect(landed).toHaveLength(BODIES.length)
    expect(intake.bytes).toBe(bytes.length)
  })

  it('leaves no half-written output behind when the download stops mid-output', async () => {
    const bytes = await bundleOf(BODIES)
    const table = await readBundleTable(await fileOf(bytes))
    const store = await LocalStore.open(tempDir())
    const intake = new BundleIntake(store, path.join(tempDir(), 'bundle'), () => {})
    await feed(intake, bytes.subarray(0, table[1].offset + (3 << 20)), [256 << 10])
    expect(fs.readdirSync(path.join(store.dir, 'tmp'))).toHaveLength(1)
    await intake.close()
    expect(fs.readdirSync(path.join(store.dir, 'tmp'))).toEqual([])
    expect(() => intake.streamed!.finish()).toThrow(/ended early/)
  })

  it('writes a version 1 bundle to a file, with the checksum taken on the way', async () => {
    const bytes = await bundleOf(BODIES, FORMAT_V1)
    const file = path.join(tempDir(), 'bundle')
    const intake = new BundleIntake(await LocalStore.open(tempDir()), file, () => {})
    await feed(intake, bytes, [5, 100_000])
    await intake.close()
    expect(intake.streamed).toBeUndefined()
    expect(fs.readFileSync(file).equals(bytes)).toBe(true)
    expect(intake.digest.bytes).toBe(bytes.length)
    expect(await readBundleTable(file, intake.digest)).toHaveLength(BODIES.length)
  })

  it('writes what is too short to be a bundle to the file, where it is rejected', async () => {
    const file = path.join(tempDir(), 'bundle')
    const intake = new BundleIntake(await LocalStore.open(tempDir()), file, () => {})
    await intake.write(Buffer.from('GOC'))
    await intake.close()
    await expect(readBundleTable(file)).rejects.toThrow(/too short/)
  })
})

async function fileOf(bytes: Buffer): Promise<string> {
  const file = path.join(tempDir(), 'bundle')
  fs.writeFileSync(file, bytes)
  return file
}
