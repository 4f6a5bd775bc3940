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
})
