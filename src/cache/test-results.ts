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
  /** Whether an output is a test result, by output ID: each file is read once at most. */
  private readonly isResult = new Map<string, Promise<boolean>>()
  private readonly cached = new Set<string>()

  /** update gets the new count whenever it grows. */
  constructor(private readonly update: (count: number) => void) {}

  /** A get Go was answered with; checked off the answer's path (one small read). */
  noteHit(entry: HitEntry): void {
    if (entry.size < OK_LINE.length + 1 || entry.size > MAX_RESULT_BYTES) return
    let known = this.isResult.get(entry.outputHex)
    if (!known) {
      known = endsWithOkLine(entry.diskPath, entry.size)
      this.isResult.set(entry.outputHex, known)
    }
    void known.then(isResult => {
      if (!isResult || this.cached.has(entry.actionHex)) return
      this.cached.add(entry.actionHex)
      this.update(this.cached.size)
    })
  }
}

/** Whether the file's last line (it must end in a newline) starts with "ok  \t". */
export async function endsWithOkLine(file: string, size: number): Promise<boolean> {
  const length = Math.min(size, TAIL_BYTES)
  try {
    const handle = await fs.open(file, 'r')
    try {
      const tail = Buffer.alloc(length)
      const { bytesRead } = await handle.read(tail, 0, length, size - length)
      if (bytesRead !== length || tail[length - 1] !== 0x0a) return false
      const start = tail.lastIndexOf(0x0a, length - 2) + 1
      // No earlier newline in a partial tail: the line is longer than we read.
      if (start === 0 && length < size) return false
      return tail.subarray(start, start + OK_LINE.length).equals(OK_LINE)
    } finally {
      await handle.close()
    }
  } catch {
    // Gone (trimmed, or corrupt and removed): left uncounted.
    return false
  }
}
