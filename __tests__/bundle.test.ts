import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { BundleDigest } from '../src/bundle/bundle-digest.js'
import { readBundleTable, unpackBundle } from '../src/bundle/bundle-reader.js'
import { writeBundle, type EntrySource } from '../src/bundle/bundle-writer.js'
import {
  BundleError,
  FORMAT_V1,
  FORMAT_V2,
  FORMAT_VERSION,
  TRAILER_BYTES
} from '../src/bundle/format.js'
import { LocalStore } from '../src/store/local-store.js'
import { actionId, sha256 } from './helpers/protocol.js'
import { tempDir } from './helpers/tmp.js'

async function storeWith(bodies: Buffer[]): Promise<{ store: LocalStore; sources: EntrySource[] }> {
  const store = await LocalStore.open(tempDir())
  const sources: EntrySource[] = []
  for (const [i, body] of bodies.entries()) {
    const writer = store.beginPut(actionId(i), sha256(body), body.length)
    await writer.write(body)
    const diskPath = await writer.finish()
    sources.push({
      actionID: actionId(i),
      outputID: sha256(body),
      size: body.length,
      timeMs: 1_700_000_000_000 + i,
      path: diskPath
    })
  }
  return { store, sources }
}

const BODIES = [
  Buffer.from('first object'),
  Buffer.alloc(3 << 20, 9),
  Buffer.from('first object'),
  Buffer.alloc(0),
  Buffer.from('last')
]

async function sampleBundle(
  version = FORMAT_VERSION
): Promise<{ file: string; sources: EntrySource[] }> {
  const { sources } = await storeWith(BODIES)
  const file = path.join(tempDir(), 'bundle')
  await writeBundle(file, sources, version)
  return { file, sources }
}

/** The file's bytes fed to a BundleDigest in chunks of the given sizes, round and round. */
function streamed(file: string, sizes: number[]): BundleDigest {
  const bytes = fs.readFileSync(file)
  const digest = new BundleDigest()
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length]
    digest.update(bytes.subarray(at, at + n))
    at += n
  }
  return digest
}

describe('a bundle checked as it streams in', () => {
  it('gets the digest reading the file would give, whatever the chunk sizes', async () => {
    const { file } = await sampleBundle()
    const bytes = fs.readFileSync(file)
    const covered = sha256(bytes.subarray(0, bytes.length - 40))
    for (const sizes of [[bytes.length], [1], [39, 40, 41], [7, 65536], [40]]) {
      expect(streamed(file, sizes).digest().equals(covered)).toBe(true)
    }
  })

  it('is trusted only for a file of the size it saw, and a wrong one is rejected', async () => {
    const { file } = await sampleBundle()
    // The right digest: the table comes back without reading the file for its checksum.
    expect(await readBundleTable(file, streamed(file, [4096]))).toHaveLength(BODIES.length)
    // A digest of other bytes of the same size stands for the file, and fails it.
    const other = new BundleDigest()
    other.update(Buffer.alloc(fs.statSync(file).size, 1))
    await expect(readBundleTable(file, other)).rejects.toThrow(/checksum mismatch/)
    // One that saw fewer bytes (a download cut short, or another path) is not used.
    const short = new BundleDigest()
    short.update(Buffer.alloc(100, 1))
    expect(await readBundleTable(file, short)).toHaveLength(BODIES.length)
  })
})

describe.each([FORMAT_V2, FORMAT_V1])('version %i bundles', version => {
  it('round-trip every entry into a fresh store, bytes and times intact', async () => {
    const { file, sources } = await sampleBundle(version)
    const entries = await readBundleTable(file)
    expect(entries.map(e => e.actionID.toString('hex'))).toEqual(
      sources.map(s => s.actionID.toString('hex'))
    )
    const target = await LocalStore.open(tempDir())
    const result = await unpackBundle(file, entries, target)
    expect(result.corrupt).toBe(0)
    for (const [i, body] of BODIES.entries()) {
      const hit = await target.get(actionId(i))
      expect(hit?.outputID.equals(sha256(body))).toBe(true)
      expect(fs.readFileSync(hit!.diskPath).equals(body)).toBe(true)
      expect(hit!.time.getTime()).toBe(1_700_000_000_000 + i)
    }
  })

  it('carry outputs of every size around the 1 MiB copy buffer intact', async () => {
    const sizes = [(1 << 20) - 1, 1, 1 << 20, 700 << 10, 700 << 10, (1 << 20) + 1, 5, 3]
    const bodies = sizes.map((size, i) => Buffer.alloc(size, i + 1))
    const { sources } = await storeWith(bodies)
    const file = path.join(tempDir(), 'bundle')
    const written = await writeBundle(file, sources, version)
    expect(written.sha256).toBe(sha256(fs.readFileSync(file)).toString('hex'))
    const target = await LocalStore.open(tempDir())
    expect((await unpackBundle(file, await readBundleTable(file), target)).corrupt).toBe(0)
    for (const [i, body] of bodies.entries()) {
      const hit = await target.get(actionId(i))
      expect(fs.readFileSync(hit!.diskPath).equals(body)).toBe(true)
    }
  })

  it('store shared outputs once and give empty entries no bytes', async () => {
    const { file } = await sampleBundle(version)
    const distinct = 'first object'.length + (3 << 20) + 'last'.length
    const entries = await readBundleTable(file)
    // Version 2 adds the entry count (4) and the table's own checksum (32).
    const framing = 8 + entries.length * 88 + TRAILER_BYTES + (version === FORMAT_V2 ? 36 : 0)
    expect(fs.statSync(file).size).toBe(framing + distinct)
    expect(entries[0].offset).toBe(entries[2].offset)
    expect(entries[3]).toMatchObject({ offset: 0, size: 0 })
  })

  it('name themselves by the SHA-256 of the whole file', async () => {
    const { sources } = await storeWith(BODIES)
    const file = path.join(tempDir(), 'bundle')
    const written = await writeBundle(file, sources, version)
    expect(written.sha256).toBe(sha256(fs.readFileSync(file)).toString('hex'))
    expect(written.bytes).toBe(fs.statSync(file).size)
  })

  it('leave out entries whose file vanished', async () => {
    const { sources } = await storeWith(BODIES)
    fs.rmSync(sources[4].path)
    const file = path.join(tempDir(), 'bundle')
    const written = await writeBundle(file, sources, version)
    expect(written.skipped).toEqual([sources[4]])
    expect(written.entries).toHaveLength(4)
    expect(await readBundleTable(file)).toHaveLength(4)
  })

  const damage: [string, (file: string) => void][] = [
    ['a flipped data byte', f => flip(f, 100)],
    [
      'a flipped table byte',
      f => flip(f, version === FORMAT_V2 ? 20 : fs.statSync(f).size - TRAILER_BYTES - 30)
    ],
    ['a flipped version byte', f => flip(f, fs.statSync(f).size - 41)],
    ['a flipped checksum byte', f => flip(f, fs.statSync(f).size - 20)],
    ['truncation', f => fs.truncateSync(f, fs.statSync(f).size - 10)],
    ['a lost tail', f => fs.truncateSync(f, 1000)],
    ['a bad magic', f => flip(f, 0)],
    ['an empty file', f => fs.truncateSync(f, 0)]
  ]
  it.each(damage)('are rejected whole after %s', async (_, hurt) => {
    const { file } = await sampleBundle(version)
    hurt(file)
    await expect(readBundleTable(file)).rejects.toBeInstanceOf(BundleError)
  })

  it('unpack the entries someone waits for first, and the rest after', async () => {
    const { file } = await sampleBundle(version)
    const entries = await readBundleTable(file)
    const order: number[] = []
    const wanted = [actionId(4).toString('hex'), actionId(3).toString('hex')]
    const target = await LocalStore.open(tempDir())
    await unpackBundle(file, entries, target, {
      wanted,
      onStored: entry => order.push(entries.indexOf(entry))
    })
    expect(order).toEqual([4, 3, 0, 1, 2])
    expect(wanted).toEqual([])
  })

  it('stream entries too big to hold in memory and replace a damaged file in the store', async () => {
    const big = Buffer.alloc(9 << 20, 5)
    big[12345] = 1
    const { sources } = await storeWith([big, Buffer.from('small')])
    const file = path.join(tempDir(), 'bundle')
    await writeBundle(file, sources, version)
    const target = await LocalStore.open(tempDir())
    // A file left damaged under the small entry's name must not survive the unpack.
    const damaged = target.outputPath(sha256('small').toString('hex'))
    fs.mkdirSync(path.dirname(damaged), { recursive: true })
    fs.writeFileSync(damaged, 'smalL')
    const result = await unpackBundle(file, await readBundleTable(file), target)
    expect(result.corrupt).toBe(0)
    expect(fs.readFileSync((await target.get(actionId(0)))!.diskPath).equals(big)).toBe(true)
    expect(fs.readFileSync((await target.get(actionId(1)))!.diskPath, 'utf8')).toBe('small')
  })

  it('never unpack an entry whose bytes do not hash to its OutputID', async () => {
    const { file } = await sampleBundle(version)
    const entries = await readBundleTable(file)
    // A table that lies (a writer bug, say) still cannot get a wrong entry into the store.
    entries[4] = { ...entries[4], outputID: sha256('something else') }
    const target = await LocalStore.open(tempDir())
    const result = await unpackBundle(file, entries, target)
    expect(result.corrupt).toBe(1)
    expect(await target.get(actionId(4))).toBeUndefined()
    expect(await target.get(actionId(1))).toBeDefined()
  })
})

function flip(file: string, at: number): void {
  const data = fs.readFileSync(file)
  data[at] ^= 0xff
  fs.writeFileSync(file, data)
}
