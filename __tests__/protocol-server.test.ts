import { describe, expect, it } from '@jest/globals'
import { PassThrough } from 'node:stream'
import { createCacheHandler } from '../src/cache/cache-handler.js'
import { newStats } from '../src/cache/stats.js'
import { serveConnection, type CacheHandler } from '../src/protocol/server.js'
import { LocalStore } from '../src/store/local-store.js'
import * as fs from 'node:fs'
import { actionId, closeLine, getLine, parseAnswers, putLine, sha256 } from './helpers/protocol.js'
import { tempDir } from './helpers/tmp.js'

async function exchange(handler: CacheHandler, requests: string | Buffer[]) {
  const input = new PassThrough()
  const output = new PassThrough()
  let text = ''
  output.on('data', (chunk: Buffer) => (text += chunk.toString()))
  const served = serveConnection(input, output, handler)
  for (const part of typeof requests === 'string' ? [requests] : requests) input.write(part)
  input.end()
  const result = await served
  return { result, answers: parseAnswers(text) }
}

async function storeHandler() {
  const store = await LocalStore.open(tempDir())
  const stats = newStats()
  return { store, stats, handler: createCacheHandler(store, stats) }
}

describe('serveConnection', () => {
  it('announces its commands first, then answers get, put and close', async () => {
    const { handler, stats } = await storeHandler()
    const body = Buffer.from('compiled package bytes')
    const { result, answers } = await exchange(
      handler,
      getLine(1, actionId(1)) + putLine(2, actionId(1), body) + closeLine(3)
    )
    expect(answers[0]).toEqual({ ID: 0, KnownCommands: ['get', 'put', 'close'] })
    expect(answers.find(a => a.ID === 1)).toEqual({ ID: 1, Miss: true })
    const put = answers.find(a => a.ID === 2)!
    expect(fs.readFileSync(put.DiskPath!)).toEqual(body)
    expect(answers[answers.length - 1]).toEqual({ ID: 3 })
    expect(result).toEqual({ closed: true })
    expect(stats).toMatchObject({ gets: 1, misses: 1, puts: 1, bytesWritten: body.length })
  })

  it('serves a hit with OutputID, Size, Time and an absolute DiskPath', async () => {
    const { handler } = await storeHandler()
    const body = Buffer.from('x'.repeat(5000))
    await exchange(handler, putLine(1, actionId(9), body))
    const { answers } = await exchange(handler, getLine(2, actionId(9)))
    const hit = answers.find(a => a.ID === 2)!
    expect(hit.OutputID).toBe(sha256(body).toString('base64'))
    expect(hit.Size).toBe(5000)
    expect(Date.parse(hit.Time!)).toBeGreaterThan(Date.now() - 60000)
    expect(hit.DiskPath!.startsWith('/')).toBe(true)
    expect(fs.readFileSync(hit.DiskPath!)).toEqual(body)
  })

  it('answers pipelined requests out of order, each ID exactly once', async () => {
    const slow: CacheHandler = {
      get: async id => {
        await new Promise(r => setTimeout(r, id[0] % 2 ? 30 : 1))
        return undefined
      },
      put: () => {
        throw new Error('read-only')
      }
    }
    let requests = ''
    const ids: number[] = []
    for (let i = 1; i <= 40; i++) {
      requests += getLine(i, actionId(i))
      ids.push(i)
    }
    const { answers } = await exchange(slow, requests + closeLine(41))
    const answered = answers.slice(1).map(a => a.ID)
    expect([...answered].sort((a, b) => a - b)).toEqual([...ids, 41])
    expect(answered).not.toEqual([...ids, 41])
    expect(answered[answered.length - 1]).toBe(41)
  })

  it('answers an unknown command and a failing put with Err and carries on', async () => {
    const { handler, store } = await storeHandler()
    const body = Buffer.from('real bytes')
    const lying = putLine(2, actionId(2), body).replace(
      sha256(body).toString('base64'),
      sha256('other').toString('base64')
    )
    const { answers, result } = await exchange(
      handler,
      JSON.stringify({ ID: 1, Command: 'frobnicate' }) + '\n\n' + lying + getLine(3, actionId(2))
    )
    expect(answers.find(a => a.ID === 1)!.Err).toMatch(/unknown command "frobnicate"/)
    expect(answers.find(a => a.ID === 2)!.Err).toMatch(/not to its OutputID/)
    expect(answers.find(a => a.ID === 3)).toEqual({ ID: 3, Miss: true })
    expect(result.closed).toBe(false)
    expect(fs.readdirSync(`${store.dir}/tmp`)).toEqual([])
  })

  it('stops on input that is not JSON after answering what came before', async () => {
    const { handler } = await storeHandler()
    const { answers, result } = await exchange(handler, getLine(1, actionId(1)) + 'garbage\n\n')
    expect(answers.find(a => a.ID === 1)).toEqual({ ID: 1, Miss: true })
    expect(result.fatal).toMatch(/not JSON/)
  })

  it('streams a 64 MiB body to disk in pieces', async () => {
    const { handler } = await storeHandler()
    const body = Buffer.alloc(64 << 20)
    for (let i = 0; i < body.length; i += 512) body.writeUInt32LE(i, i)
    const stream = Buffer.from(putLine(1, actionId(1), body))
    const parts: Buffer[] = []
    for (let i = 0; i < stream.length; i += 1 << 16) parts.push(stream.subarray(i, i + (1 << 16)))
    const { answers } = await exchange(handler, parts)
    const put = answers.find(a => a.ID === 1)!
    expect(put.Err).toBeUndefined()
    expect(fs.statSync(put.DiskPath!).size).toBe(body.length)
    expect(sha256(fs.readFileSync(put.DiskPath!))).toEqual(sha256(body))
  })
})
