// What the daemon hands the unpack helper: go.sum's versions the module store holds, small
// files first, zips largest first. The helper itself runs against real go in module-proxy.test.
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { moduleActionID } from '../src/modules/module-proxy.js'
import { parseGoSum, unpackInput } from '../src/modules/module-unpack.js'
import { LocalStore } from '../src/store/local-store.js'
import { tempDir } from './helpers/tmp.js'

const GO_SUM = [
  'example.com/small v1.0.0 h1:small=',
  'example.com/small v1.0.0/go.mod h1:smallmod=',
  'example.com/Big v2.1.0+incompatible h1:big=',
  'example.com/Big v2.1.0+incompatible/go.mod h1:bigmod=',
  'example.com/graphonly v0.3.0/go.mod h1:graph=',
  'example.com/missing v1.0.0 h1:missing=',
  'not a go.sum line',
  ''
].join('\n')

async function storeWith(files: Record<string, string>): Promise<LocalStore> {
  const store = await LocalStore.open(tempDir('go-cache-modstore-'))
  for (const [request, body] of Object.entries(files)) {
    const data = Buffer.from(body)
    const outputHex = createHash('sha256').update(data).digest('hex')
    store.importSync(moduleActionID(request).toString('hex'), outputHex, data, Date.now())
  }
  return store
}

describe('unpacking input', () => {
  it('parses go.sum: zip lines carry the sum, /go.mod lines name a version only', () => {
    expect(parseGoSum(GO_SUM)).toEqual([
      { module: 'example.com/small', version: 'v1.0.0', zipSum: 'h1:small=' },
      { module: 'example.com/small', version: 'v1.0.0' },
      { module: 'example.com/Big', version: 'v2.1.0+incompatible', zipSum: 'h1:big=' },
      { module: 'example.com/Big', version: 'v2.1.0+incompatible' },
      { module: 'example.com/graphonly', version: 'v0.3.0' },
      { module: 'example.com/missing', version: 'v1.0.0', zipSum: 'h1:missing=' }
    ])
  })

  it('lists what the store holds of go.sum, metadata first, then zips largest first', async () => {
    const store = await storeWith({
      'example.com/small/@v/v1.0.0.zip': 'small zip',
      'example.com/small/@v/v1.0.0.mod': 'module example.com/small\n',
      'example.com/small/@v/v1.0.0.info': '{"Version":"v1.0.0"}',
      'example.com/!big/@v/v2.1.0+incompatible.zip': 'a much larger zip than the other one',
      'example.com/graphonly/@v/v0.3.0.mod': 'module example.com/graphonly\n',
      // Not named by go.sum: never handed over.
      'example.com/other/@v/v1.0.0.zip': 'other'
    })
    const goSum = path.join(tempDir(), 'go.sum')
    fs.writeFileSync(goSum, GO_SUM)
    const input = await unpackInput(store, [goSum, path.join(tempDir(), 'absent', 'go.sum')])
    const lines = input
      .trimEnd()
      .split('\n')
      .map(line => line.split('\t').slice(0, 4).join(' '))
    expect(lines).toEqual([
      'mod example.com/small v1.0.0 ' + store.outputPath(sha('module example.com/small\n')),
      'info example.com/small v1.0.0 ' + store.outputPath(sha('{"Version":"v1.0.0"}')),
      'mod example.com/graphonly v0.3.0 ' + store.outputPath(sha('module example.com/graphonly\n')),
      'zip example.com/Big v2.1.0+incompatible h1:big=',
      'zip example.com/small v1.0.0 h1:small='
    ])
    expect(input.split('\n')[3].split('\t')[4]).toBe(
      store.outputPath(sha('a much larger zip than the other one'))
    )
    store.close()
  })

  it('hands over nothing when no go.sum is there', async () => {
    const store = await storeWith({ 'example.com/small/@v/v1.0.0.zip': 'small zip' })
    expect(await unpackInput(store, [path.join(tempDir(), 'go.sum')])).toBe('')
    store.close()
  })
})

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
