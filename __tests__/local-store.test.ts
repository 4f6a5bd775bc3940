import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { LocalStore } from '../src/store/local-store.js'
import { trimStore } from '../src/store/trim.js'
import { actionId, sha256 } from './helpers/protocol.js'
import { tempDir } from './helpers/tmp.js'

async function put(store: LocalStore, action: Buffer, body: Buffer): Promise<string> {
  const writer = store.beginPut(action, sha256(body), body.length)
  await writer.write(body)
  return writer.finish()
}

describe('LocalStore', () => {
  it('names outputs by content and records actions, readable by a new process', async () => {
    const dir = tempDir()
    const body = Buffer.from('object file')
    const diskPath = await put(await LocalStore.open(dir), actionId(1), body)
    expect(path.basename(diskPath)).toBe(sha256(body).toString('hex'))
    expect(path.isAbsolute(diskPath)).toBe(true)
    const again = await (await LocalStore.open(dir)).get(actionId(1))
    expect(again).toMatchObject({ outputID: sha256(body), size: body.length, diskPath })
    expect(await (await LocalStore.open(dir)).get(actionId(2))).toBeUndefined()
  })

  it('looks on disk for records only when the store had some when it opened', async () => {
    const dir = tempDir()
    const fresh = await LocalStore.open(dir)
    const body = Buffer.from('object file')
    // Another process puts into the same, new store: the fresh store does not look (a miss,
    // which is safe); one opened now does.
    await put(await LocalStore.open(dir), actionId(1), body)
    expect(await fresh.get(actionId(1))).toBeUndefined()
    const later = await LocalStore.open(dir)
    expect(await later.get(actionId(1))).toMatchObject({ size: body.length })
    // And that one also sees what a third process writes after it opened.
    await put(await LocalStore.open(dir), actionId(2), body)
    expect(await later.get(actionId(2))).toMatchObject({ size: body.length })
  })

  it('stores an empty output as an empty file', async () => {
    const store = await LocalStore.open(tempDir())
    const diskPath = await store.beginPut(actionId(1), sha256(''), 0).finish()
    expect(fs.statSync(diskPath).size).toBe(0)
  })

  it('streams bodies above the memory limit through a temporary file', async () => {
    const store = await LocalStore.open(tempDir())
    const body = Buffer.alloc(3 << 20, 7)
    const writer = store.beginPut(actionId(1), sha256(body), body.length)
    for (let i = 0; i < body.length; i += 100000) await writer.write(body.subarray(i, i + 100000))
    const diskPath = await writer.finish()
    expect(fs.readFileSync(diskPath).equals(body)).toBe(true)
    expect(fs.readdirSync(path.join(store.dir, 'tmp'))).toEqual([])
  })

  it('refuses a body that does not hash to its OutputID and publishes nothing', async () => {
    const store = await LocalStore.open(tempDir())
    const body = Buffer.alloc(2 << 20, 1)
    const writer = store.beginPut(actionId(1), sha256('something else'), body.length)
    await writer.write(body)
    await expect(writer.finish()).rejects.toThrow(/not to its OutputID/)
    expect(await store.get(actionId(1))).toBeUndefined()
    expect(fs.existsSync(store.outputPath(sha256('something else').toString('hex')))).toBe(false)
    expect(fs.readdirSync(path.join(store.dir, 'tmp'))).toEqual([])
  })

  it('refuses a body of the wrong size', async () => {
    const store = await LocalStore.open(tempDir())
    const writer = store.beginPut(actionId(1), sha256('abc'), 4)
    await writer.write(Buffer.from('abc'))
    await expect(writer.finish()).rejects.toThrow(/3 bytes, BodySize says 4/)
  })

  it('never serves a file whose bytes changed on disk, and drops it', async () => {
    const dir = tempDir()
    const body = Buffer.from('precious bytes')
    const diskPath = await put(await LocalStore.open(dir), actionId(1), body)
    fs.chmodSync(diskPath, 0o644)
    fs.writeFileSync(diskPath, 'PRECIOUS BYTES')
    const reader = await LocalStore.open(dir)
    expect(await reader.get(actionId(1))).toBeUndefined()
    expect(reader.corruptEntries).toBe(1)
    expect(fs.existsSync(diskPath)).toBe(false)
    // A later put of the same output repairs the entry.
    await put(reader, actionId(1), body)
    expect(
      fs.readFileSync((await (await LocalStore.open(dir)).get(actionId(1)))!.diskPath)
    ).toEqual(body)
  })

  it('treats a truncated file as a miss', async () => {
    const dir = tempDir()
    const diskPath = await put(await LocalStore.open(dir), actionId(1), Buffer.from('0123456789'))
    fs.truncateSync(diskPath, 4)
    expect(await (await LocalStore.open(dir)).get(actionId(1))).toBeUndefined()
  })

  it('replaces a corrupt file found under the name it publishes to', async () => {
    const dir = tempDir()
    const body = Buffer.from('good')
    const final = (await LocalStore.open(dir)).outputPath(sha256(body).toString('hex'))
    fs.mkdirSync(path.dirname(final), { recursive: true })
    fs.writeFileSync(final, 'evil')
    const diskPath = await put(await LocalStore.open(dir), actionId(1), body)
    expect(fs.readFileSync(diskPath).equals(body)).toBe(true)
  })
})

describe('LocalStore imports (entries unpacked from bundles)', () => {
  const tick = () => new Promise(resolve => setImmediate(resolve))

  it('records them in records.log, not a file each, and a new process reads them back', async () => {
    const dir = tempDir()
    const store = await LocalStore.open(dir)
    const listed: string[] = []
    store.onVerified = actionHex => listed.push(actionHex)
    const bodies = [Buffer.from('first'), Buffer.from('second')]
    bodies.forEach((body, i) => {
      const ok = store.importSync(
        actionId(i).toString('hex'),
        sha256(body).toString('hex'),
        body,
        5
      )
      expect(ok).toBe(true)
    })
    // Bytes that do not hash to the name are refused and recorded nowhere.
    const bad = store.importSync(
      actionId(9).toString('hex'),
      sha256('x').toString('hex'),
      bodies[0],
      5
    )
    expect(bad).toBe(false)
    expect(listed).toEqual([actionId(0).toString('hex'), actionId(1).toString('hex')])
    await tick()
    expect(fs.existsSync(path.join(dir, 'a'))).toBe(false)
    expect(fs.readFileSync(path.join(dir, 'records.log'), 'utf8').trim().split('\n')).toHaveLength(
      2
    )

    const again = await LocalStore.open(dir)
    const hit = await again.get(actionId(1))
    expect(hit && fs.readFileSync(hit.diskPath).equals(bodies[1])).toBe(true)
    expect(hit?.time.getTime()).toBe(5)
    expect(await again.get(actionId(9))).toBeUndefined()
  })

  it('keeps a record a put already wrote, and compacts a log of mostly superseded lines', async () => {
    const dir = tempDir()
    const first = await LocalStore.open(dir)
    await put(first, actionId(1), Buffer.from('from a put'))
    const other = Buffer.from('from a bundle')
    const hex = (n: number) => actionId(n).toString('hex')
    expect(first.importSync(hex(1), sha256(other).toString('hex'), other, 1)).toBe(true)
    const got = await (await LocalStore.open(dir)).get(actionId(1))
    expect(fs.readFileSync(got!.diskPath, 'utf8')).toBe('from a put')
    // The bundle's bytes are in the store under another action.
    expect(first.importSync(hex(5), sha256(other).toString('hex'), other, 1)).toBe(true)
    first.close()

    const line = (n: number) =>
      `${hex(n % 3)} ${sha256(other).toString('hex')} ${other.length} ${n}\n`
    fs.writeFileSync(
      path.join(dir, 'records.log'),
      Array.from({ length: 1100 }, (_, n) => line(n)).join('')
    )
    const compacted = await LocalStore.open(dir)
    expect(fs.readFileSync(path.join(dir, 'records.log'), 'utf8').trim().split('\n')).toHaveLength(
      3
    )
    expect((await compacted.get(actionId(2)))?.time.getTime()).toBe(1097)
  })

  it('vouches for empty outputs from the index with one empty file and no records', async () => {
    const dir = tempDir()
    const store = await LocalStore.open(dir)
    const listed: [string, string, number][] = []
    store.onVerified = (actionHex, record) =>
      listed.push([actionHex, record.outputHex, record.size])
    store.vouchForEmpty(
      new Map([
        [actionId(1).toString('hex'), 7],
        [actionId(2).toString('hex'), 8]
      ])
    )
    const empty = sha256('').toString('hex')
    expect(listed).toEqual([
      [actionId(1).toString('hex'), empty, 0],
      [actionId(2).toString('hex'), empty, 0]
    ])
    expect(fs.statSync(path.join(dir, 'o', empty.slice(0, 2), empty)).size).toBe(0)
    expect(await store.get(actionId(1))).toBeUndefined()
  })
})

describe('trimStore', () => {
  it('removes least recently used outputs beyond the limit, never those in use', async () => {
    const dir = tempDir()
    const store = await LocalStore.open(dir)
    const now = Date.now()
    const paths: string[] = []
    for (let i = 0; i < 6; i++) {
      const p = await put(store, actionId(i), Buffer.alloc(1000, i))
      const old = new Date(now - (10 - i) * 3600_000)
      fs.utimesSync(p, old, old)
      paths.push(p)
    }
    const inUse = new Set([path.basename(paths[0])])
    const report = await trimStore(dir, { maxBytes: 3500, inUse, now })
    expect(report.removedFiles).toBe(3)
    expect(paths.map(p => fs.existsSync(p))).toEqual([true, false, false, false, true, true])
    expect(report.totalBytes).toBe(3000)
  })

  it('keeps recently used files even when over the limit', async () => {
    const dir = tempDir()
    const store = await LocalStore.open(dir)
    await put(store, actionId(1), Buffer.alloc(5000, 1))
    const report = await trimStore(dir, { maxBytes: 10, inUse: new Set() })
    expect(report.removedFiles).toBe(0)
  })
})
