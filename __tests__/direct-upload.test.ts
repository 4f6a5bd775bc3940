// Uploads that skip the client: against the emulator, and read back by the real
// @actions/cache client (its tar and zstd) as well as by the direct download.

import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { DirectDownloader } from '../src/remote/direct-download.js'
import { ActionsCacheBackend } from '../src/remote/actions-backend.js'
import { BlobWriteRefused, DirectUploader } from '../src/remote/direct-upload.js'
import { startHarness, type Harness } from './helpers/emulator.js'
import { tempDir } from './helpers/tmp.js'

let h: Harness
const startDir = process.cwd()
beforeAll(async () => {
  h = await startHarness()
  // The client restores relative paths into its workspace: the entry's version depends on them.
  process.chdir(h.workspace)
})
afterAll(() => {
  process.chdir(startDir)
  return h.emulator.close()
})
beforeEach(() => {
  h.emulator.clearFaults()
  h.emulator.configure({ rateLimitPerMinute: 200, retryAfterSeconds: 60 })
})

const uploader = (): DirectUploader => DirectUploader.create(process.env)!

function fileWith(data: Buffer): string {
  const file = path.join(tempDir(), 'bundle')
  fs.writeFileSync(file, data)
  return file
}

/** Uploads `data` as `<dir>/data` under `key`, as the backend does. */
async function upload(key: string, data: Buffer, dir = key) {
  return uploader().upload(key, [dir], `${dir}/data`, fileWith(data))
}

/** Restores `<dir>/data` of `key` with the real client, into the workspace. */
async function restoredByClient(key: string, dir = key): Promise<Buffer> {
  fs.rmSync(path.join(h.workspace, dir), { recursive: true, force: true })
  expect((await h.restore([dir], key)).result).toBe(key)
  return fs.readFileSync(path.join(h.workspace, dir, 'data'))
}

async function restoredDirectly(key: string, dir = key): Promise<Buffer> {
  const file = path.join(tempDir(), 'back')
  const got = await DirectDownloader.create(process.env)!.download(
    [key],
    [dir],
    `${dir}/data`,
    file
  )
  expect(got).toEqual({ kind: 'found', key })
  return fs.readFileSync(file)
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex')

describe('direct uploads', () => {
  test('save an entry the real client restores byte for byte, in one Put Blob', async () => {
    const data = Buffer.concat([randomBytes(1 << 20), Buffer.alloc(2 << 20, 7), randomBytes(77)])
    const before = h.emulator.stats()
    expect(await upload('up-one', data)).toEqual({ status: 'saved' })
    const after = h.emulator.stats()
    expect(after.api.CreateCacheEntry - before.api.CreateCacheEntry).toBe(1)
    expect(after.api.FinalizeCacheEntryUpload - before.api.FinalizeCacheEntryUpload).toBe(1)
    expect(after.blob.putBlob - before.blob.putBlob).toBe(1)
    expect(after.blob.putBlock - before.blob.putBlock).toBe(0)
    // Compressed: the 2 MiB run of sevens costs next to nothing.
    expect(after.bytesUploaded - before.bytesUploaded).toBeLessThan(1.2 * 2 ** 20)
    expect((await restoredByClient('up-one')).equals(data)).toBe(true)
    expect((await restoredDirectly('up-one')).equals(data)).toBe(true)
  })

  test('name a member longer than ustar holds with a pax header that real tar follows', async () => {
    const key = `up-long-${'k'.repeat(150)}`
    const data = randomBytes(10_000)
    expect(await upload(key, data)).toEqual({ status: 'saved' })
    expect((await restoredByClient(key)).equals(data)).toBe(true)
    expect((await restoredDirectly(key)).equals(data)).toBe(true)
  })

  test('an empty file makes an entry too', async () => {
    expect(await upload('up-empty', Buffer.alloc(0))).toEqual({ status: 'saved' })
    expect((await restoredByClient('up-empty')).length).toBe(0)
  })

  test('send an archive bigger than a block as blocks and a block list', async () => {
    const data = randomBytes(70 << 20) // incompressible: more than one 64 MiB block
    const before = h.emulator.stats()
    expect(await upload('up-blocks', data)).toEqual({ status: 'saved' })
    const after = h.emulator.stats()
    expect(after.blob.putBlock - before.blob.putBlock).toBe(2)
    expect(after.blob.putBlockList - before.blob.putBlockList).toBe(1)
    expect(after.blob.putBlob - before.blob.putBlob).toBe(0)
    expect(sha(await restoredDirectly('up-blocks'))).toBe(sha(data))
    expect(sha(await restoredByClient('up-blocks'))).toBe(sha(data))
  }, 60_000)

  test('say "exists" for a key saved before, after one lookup', async () => {
    expect(await upload('up-twice', randomBytes(100))).toEqual({ status: 'saved' })
    let extra = 0
    const again = await uploader().upload(
      'up-twice',
      ['up-twice'],
      'up-twice/data',
      fileWith(randomBytes(100)),
      () => extra++
    )
    expect(again).toEqual({ status: 'exists' })
    expect(extra).toBe(1)
  })

  test('hand back a 429 with the wait the service asked for', async () => {
    h.emulator.configure({ rateLimitPerMinute: 1, retryAfterSeconds: 7 })
    await upload('up-limit-1', randomBytes(100)) // saved, unless earlier tests filled the window
    expect(await upload('up-limit-2', randomBytes(100))).toEqual({
      status: 'rate-limited',
      retryAfterMs: 7000
    })
  })

  test('try a blob write again after a 503, and give up on a refusal', async () => {
    h.emulator.injectFault({ kind: 'blob-put', status: 503, count: 1 })
    const data = randomBytes(5000)
    const before = h.emulator.stats()
    expect(await upload('up-retried', data)).toEqual({ status: 'saved' })
    expect(h.emulator.stats().blob.putBlob - before.blob.putBlob).toBe(2)
    expect((await restoredDirectly('up-retried')).equals(data)).toBe(true)

    h.emulator.injectFault({ kind: 'blob-put', status: 403, count: 1 })
    await expect(upload('up-refused', data)).rejects.toThrow(/HTTP 403/)
    // A reservation cannot be taken twice: a finalize that fails for a while is tried again.
    h.emulator.injectFault({ kind: 'api:FinalizeCacheEntryUpload', status: 500, count: 2 })
    expect(await upload('up-finalized-late', data)).toEqual({ status: 'saved' })
    expect((await restoredDirectly('up-finalized-late')).equals(data)).toBe(true)
    h.emulator.injectFault({ kind: 'api:FinalizeCacheEntryUpload', status: 500, count: 4 })
    await expect(upload('up-unfinished', data)).rejects.toThrow(/HTTP 500/)
    h.emulator.clearFaults()
  }, 30_000)

  test('a write the blob store refuses as malformed sends later uploads through the client', async () => {
    const backend = await ActionsCacheBackend.create(h.workspace)
    expect(backend.uploadsDirectly).toBe(true)
    h.emulator.injectFault({ kind: 'blob-put', status: 400, count: 1 })
    await expect(
      backend.upload('up-malformed', fileWith(randomBytes(100)), 'bundle')
    ).rejects.toBeInstanceOf(BlobWriteRefused)
    expect(backend.uploadsDirectly).toBe(false)
    const data = randomBytes(3000)
    expect(await backend.upload('up-by-client', fileWith(data), 'bundle')).toEqual({
      status: 'saved'
    })
    expect((await restoredDirectly('up-by-client')).equals(data)).toBe(true)
    // A refusal that says nothing of the request's form keeps the direct path.
    const other = await ActionsCacheBackend.create(h.workspace)
    h.emulator.injectFault({ kind: 'blob-put', status: 403, count: 1 })
    await expect(other.upload('up-forbidden', fileWith(data), 'bundle')).rejects.toThrow(/HTTP 403/)
    expect(other.uploadsDirectly).toBe(true)
  })

  test('are off without a service to talk to', () => {
    expect(DirectUploader.create({})).toBeUndefined()
  })
})
