// Ends the process without calling process.exit() right away. process.exit() can deadlock
// when a V8 background compile thread is waiting for a garbage collection at that moment
// (nodejs/node#54918): the main thread joins that thread, which never wakes. Seen here as a
// connect bridge that never exited after answering Go's close, and Go waiting for its
// stdout to close forever. A natural exit disposes the isolate first, which releases such
// threads; whatever still holds the event loop open gets `graceMs`, then process.exit().
export function exitWhenIdle(code: number, graceMs = 2000): void {
  process.exitCode = code
  setTimeout(() => process.exit(code), graceMs).unref()
}
