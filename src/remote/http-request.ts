// Plain node:http(s) requests for the direct download and upload paths. Node's fetch loads
// undici on first use: measured in a bare Node 24, 65-72 ms to a first answer (17 ms with
// http) and 61 MiB resident after it (51 MiB with http/https), while go builds beside the
// daemon.

import * as http from 'node:http'
import * as https from 'node:https'

const MAX_REDIRECTS = 5

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  headers?: Record<string, string>
  /** Text, or the chunks of a binary body, sent in order without joining them. */
  body?: string | Buffer[]
  /** Whole request, body included: the response stream errors once it has passed. */
  timeoutMs: number
}

/** Sends a request and resolves with the response head; a GET follows redirects. */
export async function request(url: URL, options: RequestOptions): Promise<http.IncomingMessage> {
  const signal = AbortSignal.timeout(options.timeoutMs)
  let target = url
  for (let hop = 0; ; hop++) {
    const response = await send(target, options, signal)
    const location = response.headers.location
    const redirect =
      response.statusCode !== undefined && [301, 302, 303, 307, 308].includes(response.statusCode)
    if (!redirect || !location || (options.method ?? 'GET') !== 'GET' || hop >= MAX_REDIRECTS) {
      return response
    }
    response.resume()
    target = new URL(location, target)
  }
}

/** The whole body as text (API answers are small). */
export async function readText(response: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of response) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function send(
  url: URL,
  options: RequestOptions,
  signal: AbortSignal
): Promise<http.IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const body = typeof options.body === 'string' ? [Buffer.from(options.body)] : options.body
    const headers = { ...options.headers }
    if (body) headers['Content-Length'] = String(body.reduce((sum, part) => sum + part.length, 0))
    const req = client.request(url, { method: options.method ?? 'GET', headers, signal }, resolve)
    req.on('error', reject)
    for (const part of body ?? []) req.write(part)
    req.end()
  })
}
