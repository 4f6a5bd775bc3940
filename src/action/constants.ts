// Names shared by main, post and action.yml: inputs, outputs and the state main leaves for post.

export const Inputs = {
  Key: 'key',
  ReadOnly: 'read-only',
  BundleSize: 'bundle-size',
  MaxLocalSize: 'max-local-size',
  FlushTimeout: 'flush-timeout',
  Summary: 'summary',
  LogLevel: 'log-level',
  StableFileTimes: 'stable-file-times',
  Matrix: 'matrix',
  CacheModules: 'cache-modules',
  CleanupToken: 'cleanup-token'
} as const

export const Outputs = {
  CacheHit: 'cache-hit',
  HitRate: 'hit-rate',
  RestoredKey: 'restored-key'
} as const

/** One state entry holding a JSON DaemonState: what post needs to find and stop the daemon. */
export const STATE_KEY = 'go-cache-daemon'

/** Hands the clean-up token to the daemon (and only to it). */
export const CLEANUP_TOKEN_ENV = 'GO_CACHE_CLEANUP_TOKEN'

/** Environment variable the action exports for every later step. */
export const GOCACHEPROG = 'GOCACHEPROG'
