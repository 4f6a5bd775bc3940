// The GOCACHEPROG wire types, as cmd/go/internal/cacheprog defines them.
// Byte fields travel as standard padded base64; we keep them as Buffers in memory.

export type Command = 'get' | 'put' | 'close' | string

export interface Request {
  ID: number
  Command: Command
  ActionID?: Buffer
  OutputID?: Buffer
  BodySize: number
}

export interface Response {
  ID: number
  Err?: string
  KnownCommands?: string[]
  Miss?: boolean
  OutputID?: Buffer
  Size?: number
  Time?: Date
  DiskPath?: string
  // Not part of Go's protocol: extra payload of the daemon's own commands (stats, stop).
  Data?: unknown
}

/**
 * Not Go's: a bridge reports a get it answered itself from the verified list. The daemon
 * handles it as that get (counters, bundle use, prefetch order) and sends no answer.
 */
export const ANSWERED_COMMAND = 'answered'

/** The commands Go may send; advertised first thing on every connection. */
export const GO_COMMANDS = ['get', 'put', 'close'] as const

/** Action and output IDs are SHA-256 sums. */
export const ID_BYTES = 32

export function encodeResponse(res: Response): string {
  const out: Record<string, unknown> = { ID: res.ID }
  if (res.Err !== undefined) out.Err = res.Err
  if (res.KnownCommands !== undefined) out.KnownCommands = res.KnownCommands
  if (res.Miss) out.Miss = true
  if (res.OutputID !== undefined) out.OutputID = res.OutputID.toString('base64')
  if (res.Size) out.Size = res.Size
  if (res.Time !== undefined) out.Time = res.Time.toISOString()
  if (res.DiskPath !== undefined) out.DiskPath = res.DiskPath
  if (res.Data !== undefined) out.Data = res.Data
  return JSON.stringify(out) + '\n'
}
