// Counting go test results served from the cache (src/cache/test-results.ts).
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { CachedTestCounter, endsWithOkLine } from '../src/cache/test-results.js'
import { tempDir } from './helpers/tmp.js'

function file(content: string | Buffer): { diskPath: string; size: number } {
  const diskPath = path.join(tempDir(), 'entry')
  fs.writeFileSync(diskPath, content)
  return { diskPath, size: fs.statSync(diskPath).size }
}

const isResult = (content: string | Buffer) => {
  const { diskPath, size } = file(content)
  return endsWithOkLine(diskPath, size)
}

describe('cached test results', () => {
  it('recognises a stored result by its last line, and nothing else', async () => {
    expect(await isResult('ok  \texample.com/m/p\t0.012s\n')).toBe(true)
    expect(await isResult('=== RUN   T\n--- PASS: T\nPASS\nok  \texample.com/m/p\t0.1s\n')).toBe(
      true
    )
    expect(await isResult('x'.repeat(5000) + '\nok  \texample.com/m/p\t0.1s\n')).toBe(true)
    expect(await isResult('# test log\ngetenv HOME\nopen testdata/x\n')).toBe(false)
    expect(await isResult('ok  \texample.com/m/p\t0.012s')).toBe(false) // no final newline
    expect(await isResult('FAIL\nok  \tnot last\nmore\n')).toBe(false)
    expect(await isResult(Buffer.concat([Buffer.from('!<arch>\n'), Buffer.alloc(3000)]))).toBe(
      false
    )
    expect(await isResult('ok  \t' + 'p'.repeat(3000) + '\n')).toBe(false) // line beyond the tail
    expect(await endsWithOkLine(path.join(tempDir(), 'gone'), 20)).toBe(false)
  })

  it('counts each result once, however often it is served', async () => {
    const counts: number[] = []
    const counter = new CachedTestCounter(count => counts.push(count))
    const result = file('ok  \texample.com/m/p\t0.1s\n')
    const log = file('# test log\nopen x\n')
    const hit = (actionHex: string, entry: { diskPath: string; size: number }, outputHex: string) =>
      counter.noteHit({ actionHex, outputHex, ...entry })
    hit('a1', result, 'o1')
    hit('a1', result, 'o1')
    hit('a2', result, 'o1') // another test with the same output
    hit('a3', log, 'o2')
    await new Promise(resolve => setTimeout(resolve, 50))
    expect(counts).toEqual([1, 2])
  })

  it('judges bytes seen on their way into the store without reading the file', async () => {
    const counts: number[] = []
    const counter = new CachedTestCounter(count => counts.push(count))
    const gone = { diskPath: path.join(tempDir(), 'gone'), size: 27 }
    counter.noteBytes('o1', Buffer.from('ok  \texample.com/m/p\t0.1s\n'))
    counter.noteHit({ actionHex: 'a1', outputHex: 'o1', ...gone })
    // Counted at once, from memory: the file is not there to read.
    expect(counts).toEqual([1])
    // What the bytes said wins over whatever the file says now.
    counter.noteBytes('o2', Buffer.from('# test log\nopen x\n'))
    counter.noteHit({ actionHex: 'a2', outputHex: 'o2', ...file('ok  \texample.com/m/q\t0.1s\n') })
    // A result's tail is judged like the file's: a long last line is not one.
    counter.noteBytes('o3', Buffer.from('ok  \t' + 'p'.repeat(3000) + '\n'))
    counter.noteHit({ actionHex: 'a3', outputHex: 'o3', ...gone })
    await new Promise(resolve => setTimeout(resolve, 50))
    expect(counts).toEqual([1])
  })
})
