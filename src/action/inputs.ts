// Reads and checks the action's inputs. A bad value is never fatal: it gets a warning naming
// the input and the value used instead.

import * as core from '@actions/core'
import type { LogLevel } from '../util/log.js'
import { parseSize } from '../util/size.js'
import { Inputs } from './constants.js'

export interface ActionInputs {
  key: string
  readOnly: boolean
  /** Bytes; undefined means the daemon's default. */
  bundleBytes?: number
  maxLocalBytes: number
  flushTimeoutSec: number
  summary: boolean
  logLevel: LogLevel
  /** Give tracked, unmodified files content-derived times (see src/checkout). */
  stableFileTimes: boolean
  /** Values of the job's matrix, in key order; empty outside a matrix. */
  matrix: string[]
  /** Serve Go modules through the daemon's proxy, kept in module bundles. */
  cacheModules: boolean
  /** A token with `actions: write`: lets the daemon delete what no index needs. */
  cleanupToken: string
}

export const DEFAULT_MAX_LOCAL_BYTES = 10 * 2 ** 30
export const DEFAULT_FLUSH_TIMEOUT_SEC = 300
const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error']

export function readInputs(): ActionInputs {
  return {
    key: core.getInput(Inputs.Key).trim(),
    readOnly: booleanInput(Inputs.ReadOnly, false),
    bundleBytes: sizeInput(Inputs.BundleSize, undefined),
    maxLocalBytes: sizeInput(Inputs.MaxLocalSize, DEFAULT_MAX_LOCAL_BYTES) as number,
    flushTimeoutSec: secondsInput(Inputs.FlushTimeout, DEFAULT_FLUSH_TIMEOUT_SEC),
    summary: booleanInput(Inputs.Summary, true),
    logLevel: choiceInput(Inputs.LogLevel, LOG_LEVELS, 'info'),
    stableFileTimes: booleanInput(Inputs.StableFileTimes, true),
    matrix: matrixValues(core.getInput(Inputs.Matrix)),
    cacheModules: booleanInput(Inputs.CacheModules, true),
    cleanupToken: core.getInput(Inputs.CleanupToken).trim()
  }
}

function warnInput(name: string, text: string, expected: string, used: string): void {
  core.warning(`Input ${name}: ${JSON.stringify(text)} is not ${expected}; using ${used}.`)
}

function booleanInput(name: string, fallback: boolean): boolean {
  const text = core.getInput(name).trim().toLowerCase()
  if (text === '') return fallback
  if (['true', 'yes', '1', 'on'].includes(text)) return true
  if (['false', 'no', '0', 'off'].includes(text)) return false
  warnInput(name, text, 'true or false', String(fallback))
  return fallback
}

function sizeInput(name: string, fallback: number | undefined): number | undefined {
  const text = core.getInput(name).trim()
  if (text === '') return fallback
  const size = parseSize(text)
  if (size !== undefined && size > 0) return size
  warnInput(
    name,
    text,
    'a size such as 32MiB or 500MB',
    fallback ? `${fallback} bytes` : 'the default'
  )
  return fallback
}

function secondsInput(name: string, fallback: number): number {
  const text = core.getInput(name).trim()
  if (text === '') return fallback
  const seconds = Number(text)
  if (Number.isFinite(seconds) && seconds > 0) return seconds
  warnInput(name, text, 'a number of seconds above 0', `${fallback}`)
  return fallback
}

function choiceInput<T extends string>(name: string, choices: T[], fallback: T): T {
  const text = core.getInput(name).trim().toLowerCase()
  if (text === '') return fallback
  if ((choices as string[]).includes(text)) return text as T
  warnInput(name, text, `one of ${choices.join(', ')}`, fallback)
  return fallback
}

/** `${{ toJSON(matrix) }}` gives `null` outside a matrix, else an object of the leg's values. */
function matrixValues(text: string): string[] {
  if (text.trim() === '' || text.trim() === 'null') return []
  try {
    const matrix = JSON.parse(text) as unknown
    if (typeof matrix !== 'object' || matrix === null) return [String(matrix)]
    return Object.keys(matrix)
      .sort()
      .map(name => {
        const value = (matrix as Record<string, unknown>)[name]
        return `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`
      })
  } catch {
    // Not JSON (someone passed their own text): it still names the leg.
    return [text.trim()]
  }
}
