// Everything human-readable goes to stderr: stdout belongs to the GOCACHEPROG protocol.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

let threshold: LogLevel =
  (process.env.GO_CACHE_LOG_LEVEL as LogLevel) in ORDER
    ? (process.env.GO_CACHE_LOG_LEVEL as LogLevel)
    : 'warn'

export function setLogLevel(level: LogLevel): void {
  threshold = level
}

/** Whether messages at this level are written: a message costly to build is built only then. */
export function logs(level: LogLevel): boolean {
  return ORDER[level] >= ORDER[threshold]
}

export function log(level: LogLevel, message: string): void {
  if (!logs(level)) return
  process.stderr.write(`go-cache: ${level === 'info' ? '' : level + ': '}${message}\n`)
}
