// Writes the tar archive @actions/cache would make of one file under its directories: the
// directories' headers, the file's header and body, then the end-of-archive blocks. ustar,
// with a pax header before any name longer than ustar's 100 bytes (as `tar --posix` does),
// so GNU and BSD tar, and tar-file-writer.ts, read it back.

import * as fs from 'node:fs/promises'

const BLOCK = 512
const READ_BYTES = 1 << 20
/** What 11 octal digits hold: ustar's size field. Bundles stay far below. */
const MAX_SIZE = 8 ** 11 - 1

/** The archive of `file` as `member` (a relative path with `/`), chunk by chunk. */
export async function* tarArchive(member: string, file: string): AsyncGenerator<Buffer> {
  const input = await fs.open(file, 'r')
  try {
    const { size, mtimeMs } = await input.stat()
    if (size > MAX_SIZE) throw new Error(`${file} is too big for a ustar archive`)
    const mtime = Math.floor(mtimeMs / 1000)
    const parts = member.split('/')
    for (let depth = 1; depth < parts.length; depth++) {
      yield memberHeader(`${parts.slice(0, depth).join('/')}/`, '5', 0, mtime)
    }
    yield memberHeader(member, '0', size, mtime)
    for (let left = size; left > 0;) {
      const chunk = Buffer.allocUnsafe(Math.min(READ_BYTES, left))
      const { bytesRead } = await input.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) throw new Error(`${file} shrank while it was being archived`)
      yield chunk.subarray(0, bytesRead)
      left -= bytesRead
    }
    yield Buffer.alloc(padding(size) + 2 * BLOCK)
  } finally {
    await input.close()
  }
}

function memberHeader(name: string, type: '0' | '5', size: number, mtime: number): Buffer {
  if (Buffer.byteLength(name) <= 100) return header(name, type, size, mtime)
  const body = paxRecord('path', name)
  return Buffer.concat([
    header('PaxHeader', 'x', body.length, mtime),
    body,
    Buffer.alloc(padding(body.length)),
    header(name.slice(0, 100), type, size, mtime)
  ])
}

function header(name: string, type: string, size: number, mtime: number): Buffer {
  const block = Buffer.alloc(BLOCK)
  block.write(name, 0, 100, 'utf8')
  block.write(type === '5' ? '0000755\0' : '0000644\0', 100, 'latin1')
  block.write('0000000\0', 108, 'latin1') // uid
  block.write('0000000\0', 116, 'latin1') // gid
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1')
  block.write(`${mtime.toString(8).padStart(11, '0')}\0`, 136, 'latin1')
  block.write(type, 156, 'latin1')
  block.write('ustar\x0000', 257, 'latin1')
  // The checksum is the byte sum with its own field counted as spaces.
  block.fill(0x20, 148, 156)
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1')
  return block
}

/** "<length> <key>=<value>\n", where the length counts its own digits. */
function paxRecord(key: string, value: string): Buffer {
  const rest = ` ${key}=${value}\n`
  const restBytes = Buffer.byteLength(rest)
  let length = restBytes + 1
  while (String(length).length + restBytes !== length) length = String(length).length + restBytes
  return Buffer.from(`${length}${rest}`)
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK
}
