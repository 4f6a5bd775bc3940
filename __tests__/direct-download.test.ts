// Bundle downloads that skip the client's tar and zstd processes: against the emulator, with
// entries saved by the real @actions/cache client, and the tar reader on archives real tar made.

import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { ServiceError } from '../src/remote/cache-service.js'
import { DirectDownloader } from '../src/remote/direct-download.js'
import { TarFileWriter } from '../src/remote/tar-file-writer.js'
import { startHarness, type Harness } from './helpers/emulator.js'
import { tempDir } from './helpers/tmp.js'

let h: Harness
const startDir = process.cwd()
beforeAll(async () => {
  h = await startHarness()
  // The backend saves relative paths from its workspace: the entry's version depends on them.
  process.chdir(h.workspace)
})
afterAll(() => {
  process.chdir(startDir)
  return h.emulator.close()
})
beforeEach(() => h.emulator.clearFaults())

/** Saves `<key>/data` with the real client, as the backend does; returns the bytes. */
async function savedBundle(key: string, from = key): Promise<Buffer> {
  const data = Buffer.concat([randomBytes(1 << 20), Buffer.alloc(2 << 20, 7)])
  h.writeDir(from, { data })
  expect((await h.save([from], key)).result).toBeGreaterThan(0)
  return data
}

const downloader = (): DirectDownloader => DirectDownloader.create(process.env)!

describe('direct bundle downloads', () => {
  test('bring back the bytes the client saved, without the client', async () => {
    const data = await savedBundle('direct-one')
    const before = h.emulator.stats()
    // Into a sink, as a bundle goes: the chunks arrive in order and may be kept as they are.
    const chunks: Buffer[] = []
    const sink = { write: async (chunk: Buffer) => void chunks.push(chunk) }
    expect(
      await downloader().download(['direct-one'], ['direct-one'], 'direct-one/data', sink)
    ).toEqual({ kind: 'found', key: 'direct-one' })
    expect(Buffer.concat(chunks).equals(data)).toBe(true)
    expect(chunks.length).toBeGreaterThan(1)
    const after = h.emulator.stats()
    expect(after.api.GetCacheEntryDownloadURL - before.api.GetCacheEntryDownloadURL).toBe(1)
    expect(after.bytesDownloaded - before.bytesDownloaded).toBeGreaterThan(0)
  })

  test('find the newest entry under a restore-key prefix, and nothing outside it', async () => {
    await savedBundle('prefix-1-old', 'idx')
    const newest = await savedBundle('prefix-1-new', 'idx')
    await savedBundle('prefix-2', 'idx')
    const file = path.join(tempDir(), 'index')
    const d = downloader()
    expect(await d.download(['prefix-0', 'prefix-1-'], ['idx'], 'idx/data', file)).toEqual({
      kind: 'found',
      key: 'prefix-1-new'
    })
    expect(fs.readFileSync(file).equals(newest)).toBe(true)
    expect(await d.download(['prefix-9'], ['idx'], 'idx/data', file)).toEqual({ kind: 'absent' })
  })

  test('tell a missing key from an entry they cannot read, which the client gets', async () => {
    await savedBundle('direct-other-member', 'elsewhere')
    const file = path.join(tempDir(), 'bundle')
    const d = downloader()
    expect(
      await d.download(['direct-missing'], ['direct-missing'], 'direct-missing/data', file)
    ).toEqual({ kind: 'absent' })
    expect(
      await d.download(['direct-other-member'], ['elsewhere'], 'direct-other-member/data', file)
    ).toEqual({ kind: 'fallback' })
  })

  test('fail loudly on a body cut short and on a refused request', async () => {
    await savedBundle('direct-cut')
    const file = path.join(tempDir(), 'bundle')
    h.emulator.injectFault({ kind: 'download-reset', count: 1 })
    await expect(
      downloader().download(['direct-cut'], ['direct-cut'], 'direct-cut/data', file)
    ).rejects.toThrow()
    h.emulator.injectFault({ kind: 'download-truncate', count: 1 })
    await expect(
      downloader().download(['direct-cut'], ['direct-cut'], 'direct-cut/data', file)
    ).rejects.toThrow()
    h.emulator.injectFault({ kind: 'api', status: 500, count: 1 })
    await expect(
      downloader().download(['direct-cut'], ['direct-cut'], 'direct-cut/data', file)
    ).rejects.toBeInstanceOf(ServiceError)
  })

  test('are off without a service to talk to', () => {
    expect(DirectDownloader.create({})).toBeUndefined()
  })
})

describe('the tar reader', () => {
  /** Runs real tar like the client does (--posix), then reads `member` back with ours. */
  async function readBack(files: Record<string, Buffer>, member: string, cut = 0) {
    const dir = tempDir()
    for (const [name, body] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
      fs.writeFileSync(path.join(dir, name), body)
    }
    const archive = path.join(tempDir(), 'a.tar')
    execFileSync('tar', ['--posix', '-cf', archive, '-C', dir, ...Object.keys(files)])
    if (cut) fs.truncateSync(archive, fs.statSync(archive).size - cut)
    const out = path.join(tempDir(), 'out')
    const handle = await fs.promises.open(out, 'w')
    const writer = new TarFileWriter(member, {
      write: async chunk => void (await handle.write(chunk))
    })
    try {
      await pipeline(fs.createReadStream(archive, { highWaterMark: 1000 }), writer)
    } finally {
      await handle.close()
    }
    return { found: writer.found, bytes: fs.readFileSync(out) }
  }

  test('finds its member among others, across odd chunk sizes', async () => {
    const body = randomBytes(70_001)
    const got = await readBack(
      { 'x/first': Buffer.from('no'), 'k/data': body, z: Buffer.from('') },
      'k/data'
    )
    expect(got.found).toBe(true)
    expect(got.bytes.equals(body)).toBe(true)
  })

  test('follows pax names longer than a ustar header holds', async () => {
    const long = `${'d'.repeat(120)}/${'e'.repeat(90)}/data`
    const got = await readBack({ [long]: Buffer.from('deep') }, long)
    expect(got).toEqual({ found: true, bytes: Buffer.from('deep') })
  })

  test('says so when the member is absent, and rejects a cut archive', async () => {
    expect((await readBack({ 'k/other': Buffer.from('x') }, 'k/data')).found).toBe(false)
    await expect(readBack({ 'k/data': randomBytes(5000) }, 'k/data', 8000)).rejects.toThrow(
      /ends inside/
    )
  })
})
