// The daemon's idea of "now" for what it writes into the cache service (index times, retired
// bundles). GO_CACHE_CLOCK_OFFSET_MS moves it, so that a simulation of weeks of CI against the
// emulator's simulated clock can run in minutes; nothing else sets it.

export function now(): number {
  // Whole ms: index keys and pins are written as integers.
  return Date.now() + Math.round(Number(process.env.GO_CACHE_CLOCK_OFFSET_MS) || 0)
}
