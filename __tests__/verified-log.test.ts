import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { VerifiedLogReader, VerifiedLogWriter, verifiedLogPath } from '../src/store/verified-log.js'
import { tempDir } from './helpers/tmp.js'

const hex = (c: string) => c.repeat(64)
const tick = () => new Promise(resolve => setImmediate(resolve))

describe('the verified list', () => {
  it('is named per daemon socket inside the store', () => {
    const a = verifiedLogPath('/store', '/run/a.sock')
    expect(path.dirname(a)).toBe(path.resolve('/store'))
    expect(a).not.toBe(verifiedLogPath('/store', '/run/b.sock'))
    expect(a).toBe(verifiedLogPath('/store/', '/run/a.sock'))
  })

  it('lets a reader see what was appended after it first looked, once written', async () => {
    const file = path.join(tempDir(), 'verified.log')
    const writer = new VerifiedLogWriter(file)
    const reader = new VerifiedLogReader(file)
    writer.add(hex('a'), { outputHex: hex('1'), size: 10, timeMs: 1000 })
    // Batched: nothing reaches the file until the tick ends.
    expect(reader.lookup(hex('a'))).toBeUndefined()
    await tick()
    expect(reader.lookup(hex('a'))).toEqual({ outputHex: hex('1'), size: 10, timeMs: 1000 })
    writer.add(hex('b'), { outputHex: hex('2'), size: 0, timeMs: 2000 })
    writer.add(hex('a'), { outputHex: hex('3'), size: 30, timeMs: 3000 })
    // The same entry again writes nothing.
    writer.add(hex('b'), { outputHex: hex('2'), size: 0, timeMs: 2000 })
    await tick()
    expect(fs.readFileSync(file, 'utf8').split('\n')).toHaveLength(4)
    expect(reader.lookup(hex('b'))).toMatchObject({ size: 0 })
    // A later line for the same action wins (a put replaced its record).
    expect(reader.lookup(hex('a'))).toMatchObject({ outputHex: hex('3'), size: 30 })
    writer.close()
    expect(fs.existsSync(file)).toBe(false)
  })

  it('skips damaged lines, waits for a line to be complete, and starts over when truncated', () => {
    const file = path.join(tempDir(), 'verified.log')
    const good = `${hex('a')} ${hex('1')} 5 7\n`
    fs.writeFileSync(file, `garbage\n${hex('c')} ${hex('1')} -1 7\n${good}${hex('b')} ${hex('2')}`)
    const reader = new VerifiedLogReader(file)
    expect(reader.lookup(hex('a'))).toEqual({ outputHex: hex('1'), size: 5, timeMs: 7 })
    expect(reader.lookup(hex('c'))).toBeUndefined()
    expect(reader.lookup(hex('b'))).toBeUndefined()
    fs.appendFileSync(file, ' 9 9\n')
    expect(reader.lookup(hex('b'))).toEqual({ outputHex: hex('2'), size: 9, timeMs: 9 })
    // A new daemon truncated the list: the old entries are no longer vouched for.
    new VerifiedLogWriter(file).add(hex('d'), { outputHex: hex('4'), size: 1, timeMs: 1 })
    expect(reader.lookup(hex('d'))).toBeUndefined()
    expect(reader.lookup(hex('a'))).toBeUndefined()
  })

  it('finds nothing when there is no list', () => {
    const reader = new VerifiedLogReader(path.join(tempDir(), 'none.log'))
    expect(reader.lookup(hex('a'))).toBeUndefined()
  })
})
