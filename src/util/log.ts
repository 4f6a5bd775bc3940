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

export function log(level: LogLevel, message: string): void {
  if (ORDER[level] < ORDER[threshold]) return
  process.stderr.write(`go-cache: ${level === 'info' ? '' : level + ': '}${message}\n`)
}
