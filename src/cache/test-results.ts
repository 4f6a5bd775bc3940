// Counts the go test results Go printed as "(cached)", for the summary. The protocol never
// says what an entry is, but go test fetches a stored result only once the test's inputs
// match (tryCacheWithID in cmd/go/internal/test/test.go), and uses it only if its last line
// starts with "ok  \t" (the package's summary line): an entry of that shape is a test
// result. A test log (the inputs list fetched first) is no sign: a test whose inputs changed
// fetches it too, then runs. Compile and vet outputs never end in such a line.

import * as fs from 'node:fs/promises'

const OK_LINE = Buffer.from('ok  \t')
/** Bigger results (-v of a large suite) are left uncounted rather than read. */
const MAX_RESULT_BYTES = 1 << 20
/** Enough for "ok  \t<import path>\t0.123s\tcoverage: …\n". */
const TAIL_BYTES = 1024

export interface HitEntry {
  actionHex: string
  outputHex: string
  size: number
  diskPath: string
}

export class CachedTestCounter {
  /**
   * Whether an output is a test result, by output ID: each is read once at most. Every
   * output of a size a result can have gets a key when it enters the store, about 150 bytes
   * each: a few MiB for a job of tens of thousands of entries.
   */
  private readonly isResult = new Map<string, boolean | Promise<boolean>>()
  private readonly cached = new Set<string>()

  /** update gets the new count whenever it grows. */
  constructor(private readonly update: (count: number) => void) {}

  /**
   * An output's bytes on their way into the store (a put, an unpacked entry). Judging them
   * here spares the file read at its first hit: an open, a read and a close through the
   * thread pool for each of a job's ~10,000 hits, on the cores go compiles on.
   */
  noteBytes(outputHex: string, data: Buffer): void {
    if (!mayBeResult(data.length) || this.isResult.has(outputHex)) return
    const length = Math.min(data.length, TAIL_BYTES)
    this.isResult.set(outputHex, isOkTail(data.subarray(data.length - length), data.length))
  }

  /** A get Go was answered with; checked off the answer's path (one small read at most). */
  noteHit(entry: HitEntry): void {
    if (!mayBeResult(entry.size)) return
    let known = this.isResult.get(entry.outputHex)
    if (known === undefined) {
      known = endsWithOkLine(entry.diskPath, entry.size)
      this.isResult.set(entry.outputHex, known)
    }
    if (known === true) this.count(entry.actionHex)
    else if (known !== false) void known.then(isResult => isResult && this.count(entry.actionHex))
  }

  private count(actionHex: string): void {
    if (this.cached.has(actionHex)) return
    this.cached.add(actionHex)
    this.update(this.cached.size)
  }
}

function mayBeResult(size: number): boolean {
  return size >= OK_LINE.length + 1 && size <= MAX_RESULT_BYTES
}

/** Whether the file's last line (it must end in a newline) starts with "ok  \t". */
export async function endsWithOkLine(file: string, size: number): Promise<boolean> {
  const length = Math.min(size, TAIL_BYTES)
  try {
    const handle = await fs.open(file, 'r')
    try {
      const tail = Buffer.alloc(length)
      const { bytesRead } = await handle.read(tail, 0, length, size - length)
      return bytesRead === length && isOkTail(tail, size)
    } finally {
      await handle.close()
    }
  } catch {
    // Gone (trimmed, or corrupt and removed): left uncounted.
    return false
  }
}

/** tail: the last bytes (at most TAIL_BYTES) of an output of `size` bytes. */
function isOkTail(tail: Buffer, size: number): boolean {
  const length = tail.length
  if (tail[length - 1] !== 0x0a) return false
  const start = tail.lastIndexOf(0x0a, length - 2) + 1
  // No earlier newline in a partial tail: the line is longer than we read.
  if (start === 0 && length < size) return false
  return tail.subarray(start, start + OK_LINE.length).equals(OK_LINE)
}
