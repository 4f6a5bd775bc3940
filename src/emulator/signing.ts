// Signed blob URLs shaped like Azure SAS URLs (sv, sr, sp, se, sig) so the Azure SDK and the
// client's secret masking (it masks `sig`) treat them as the real ones.

import { createHmac, timingSafeEqual } from 'node:crypto'

export const ACCOUNT = 'devstoreaccount1'
export const CONTAINER = 'actions-cache'
export const SAS_VERSION = '2025-07-05'

/** 'r' for downloads, 'cw' (create, write) for uploads. */
export type Permission = 'r' | 'cw'

function signature(secret: Buffer, blob: string, sp: string, se: string): string {
  return createHmac('sha256', secret).update(`${blob}\n${sp}\n${se}`).digest('base64')
}

export function signBlobUrl(
  baseUrl: string,
  secret: Buffer,
  blob: string,
  sp: Permission,
  expiresAtMs: number
): string {
  const se = new Date(Math.ceil(expiresAtMs / 1000) * 1000).toISOString().replace('.000Z', 'Z')
  const url = new URL(`${ACCOUNT}/${CONTAINER}/${blob}`, baseUrl)
  url.searchParams.set('sv', SAS_VERSION)
  url.searchParams.set('sr', 'b')
  url.searchParams.set('sp', sp)
  url.searchParams.set('se', se)
  url.searchParams.set('sig', signature(secret, blob, sp, se))
  return url.href
}

export interface SasRefusal {
  code: 'AuthenticationFailed' | 'AuthorizationPermissionMismatch'
  message: string
}

/** Checks the SAS of a request to blob for the permission it needs; undefined when good. */
export function checkSas(
  secret: Buffer,
  blob: string,
  query: URLSearchParams,
  needed: Permission,
  nowMs: number
): SasRefusal | undefined {
  const sp = query.get('sp') ?? ''
  const se = query.get('se') ?? ''
  const sig = query.get('sig') ?? ''
  const expected = Buffer.from(signature(secret, blob, sp, se))
  const given = Buffer.from(sig)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      code: 'AuthenticationFailed',
      message: 'Signature did not match. String to sign used was the blob, sp and se.'
    }
  }
  const expiry = Date.parse(se)
  if (!(expiry > nowMs)) {
    return {
      code: 'AuthenticationFailed',
      message: `Signed expiry time [${se}] must be after signed start time [${new Date(nowMs).toISOString()}]`
    }
  }
  if (![...needed].every(p => sp.includes(p))) {
    return {
      code: 'AuthorizationPermissionMismatch',
      message: 'This request is not authorized to perform this operation using this permission.'
    }
  }
  return undefined
}
