// /_emulator/*: knobs, faults, counters, entries and tokens over HTTP, for tests and
// benchmarks that run the emulator in another process. No authentication: it is local.

import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Emulator } from './emulator.js'
import { FaultError } from './faults.js'
import { readBody, sendJson } from './http-util.js'
import { KnobError } from './knobs.js'
import type { ApiTokenRequest, TokenRequest } from './token.js'

export const CONTROL_PREFIX = '/_emulator/'

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req, 1 << 20)).toString('utf8')
  try {
    return text.trim() === '' ? {} : JSON.parse(text)
  } catch {
    throw new KnobError('the body must be JSON')
  }
}

function clock(emulator: Emulator) {
  const now = emulator.now()
  return { now, iso: new Date(now).toISOString(), clockOffsetMs: emulator.knobs().clockOffsetMs }
}

export async function handleControl(
  emulator: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
  name: string
): Promise<void> {
  const route = `${req.method} ${name}`
  try {
    switch (route) {
      case 'GET health':
        return sendJson(res, 200, { ok: true })
      case 'GET config':
        return sendJson(res, 200, emulator.knobs())
      case 'POST config':
        return sendJson(res, 200, emulator.configure((await jsonBody(req)) as object))
      case 'GET stats':
        return sendJson(res, 200, emulator.stats())
      case 'POST reset-stats':
        emulator.resetStats()
        return sendJson(res, 200, emulator.stats())
      case 'GET entries':
        return sendJson(res, 200, emulator.entries())
      case 'POST evict': {
        const { key, how = 'entry' } = (await jsonBody(req)) as { key?: unknown; how?: unknown }
        if (typeof key !== 'string' || (how !== 'entry' && how !== 'blob')) {
          return sendJson(res, 400, { error: 'evict needs {"key": prefix, "how": "entry"|"blob"}' })
        }
        return sendJson(res, 200, { evicted: emulator.evict(key, how) })
      }
      case 'GET faults':
        return sendJson(res, 200, emulator.pendingFaults())
      case 'POST faults': {
        const body = await jsonBody(req)
        for (const spec of Array.isArray(body) ? body : [body]) emulator.injectFault(spec)
        return sendJson(res, 200, emulator.pendingFaults())
      }
      case 'DELETE faults':
        emulator.clearFaults()
        return sendJson(res, 200, [])
      case 'POST token': {
        const request = (await jsonBody(req)) as TokenRequest
        if (typeof request?.ref !== 'string' && !Array.isArray(request?.scopes)) {
          return sendJson(res, 400, { error: 'a token needs "ref" (or "scopes")' })
        }
        return sendJson(res, 200, { token: emulator.token(request) })
      }
      case 'POST api-token': {
        const request = (await jsonBody(req)) as ApiTokenRequest
        if (!['read', 'write', 'none'].includes(request?.actions)) {
          return sendJson(res, 400, { error: 'an API token needs "actions": read|write|none' })
        }
        return sendJson(res, 200, { token: emulator.apiToken(request) })
      }
      case 'GET clock':
        return sendJson(res, 200, clock(emulator))
      case 'POST clock': {
        const { advanceMs } = (await jsonBody(req)) as { advanceMs?: unknown }
        if (typeof advanceMs !== 'number') {
          return sendJson(res, 400, { error: 'clock needs {"advanceMs": ms}' })
        }
        emulator.advanceClock(advanceMs)
        return sendJson(res, 200, clock(emulator))
      }
      default:
        return sendJson(res, 404, { error: `no control endpoint ${route}` })
    }
  } catch (err) {
    const known = err instanceof KnobError || err instanceof FaultError
    sendJson(res, known ? 400 : 500, { error: (err as Error).message })
  }
}
