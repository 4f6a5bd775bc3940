// The small HTTP client of the direct download path, against a local server.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { readText, request } from '../src/remote/http-request.js'

let server: http.Server
let base: URL
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/moved') {
      res.writeHead(302, { Location: '/blob' }).end()
    } else if (req.url === '/blob') {
      res.end(`blob via ${req.method}`)
    } else if (req.url === '/echo') {
      let body = ''
      req.on('data', chunk => (body += chunk))
      req.on('end', () => res.end(`${req.headers.authorization} ${body}`))
    } else if (req.url === '/stall') {
      res.writeHead(200)
      res.write('start')
    } else {
      res.writeHead(404).end('nothing here')
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

describe('request', () => {
  test('follows a redirect on GET', async () => {
    const response = await request(new URL('/moved', base), { timeoutMs: 5000 })
    expect(response.statusCode).toBe(200)
    expect(await readText(response)).toBe('blob via GET')
  })

  test('posts the body with its headers and does not follow a POST redirect', async () => {
    const echo = await request(new URL('/echo', base), {
      method: 'POST',
      headers: { Authorization: 'Bearer t' },
      body: '{"key":"k"}',
      timeoutMs: 5000
    })
    expect(await readText(echo)).toBe('Bearer t {"key":"k"}')
    const moved = await request(new URL('/moved', base), { method: 'POST', timeoutMs: 5000 })
    expect(moved.statusCode).toBe(302)
    moved.resume()
  })

  test('answers an error status as it is', async () => {
    const response = await request(new URL('/missing', base), { timeoutMs: 5000 })
    expect(response.statusCode).toBe(404)
    expect(await readText(response)).toBe('nothing here')
  })

  test('gives up on a body that stalls past the timeout', async () => {
    const response = await request(new URL('/stall', base), { timeoutMs: 300 })
    await expect(readText(response)).rejects.toThrow()
  })

  test('rejects when nothing listens', async () => {
    const closed = http.createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise(resolve => closed.close(resolve))
    await expect(
      request(new URL(`http://127.0.0.1:${port}/`), { timeoutMs: 5000 })
    ).rejects.toThrow(/ECONNREFUSED/)
  })
})
