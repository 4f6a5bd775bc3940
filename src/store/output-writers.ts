// Writers that bring an output into the local store while its bytes arrive: a put from Go
// (PutWriter, which may spill to a temporary file) and a big output of a bundle being
// downloaded (SyncImport, written synchronously as its pieces come). Both hash what they
// write and publish only bytes that match the OutputID.

import { createHash } from 'node:crypto'
import * as fsSync from 'node:fs'
import * as fs from 'node:fs/promises'
import type { LocalStore } from './local-store.js'

/** Small bodies are buffered in memory; larger ones stream to a temporary file. */
const MEMORY_BODY_LIMIT = 1 << 20

/** One put in progress: hashes while it writes, publishes only a body that matches. */
export class PutWriter {
  private readonly hash = createHash('sha256')
  private chunks: Buffer[] = []
  private received = 0
  private file?: fs.FileHandle
  private tmpFile?: string
  private done = false

  constructor(
    private readonly store: LocalStore,
    private readonly actionHex: string,
    private readonly outputHex: string,
    private readonly size: number,
    /** When the entry was first made (an unpacked bundle keeps its entries' times). */
    private readonly timeMs?: number
  ) {}

  async write(data: Buffer): Promise<void> {
    this.received += data.length
    if (this.received > this.size) throw new Error(`body longer than BodySize ${this.size}`)
    this.hash.update(data)
    if (this.file) {
      await this.file.write(data)
      return
    }
    this.chunks.push(data)
    if (this.received > MEMORY_BODY_LIMIT) {
      this.tmpFile = this.store.tmpPath()
      this.file = await fs.open(this.tmpFile, 'wx')
      await this.file.writev(this.chunks)
      this.chunks = []
    }
  }

  /** Checks size and hash, publishes the output and the action record; returns DiskPath. */
  async finish(): Promise<string> {
    this.done = true
    if (this.file) await this.file.close()
    try {
      if (this.received !== this.size) {
        throw new Error(`body is ${this.received} bytes, BodySize says ${this.size}`)
      }
      const digest = this.hash.digest('hex')
      if (digest !== this.outputHex) {
        throw new Error(`body hashes to ${digest}, not to its OutputID ${this.outputHex}`)
      }
      const record = {
        outputHex: this.outputHex,
        size: this.size,
        timeMs: this.timeMs ?? Date.now()
      }
      let diskPath: string
      if (this.tmpFile) {
        diskPath = await this.store.publishOutput(this.outputHex, this.size, this.tmpFile)
        await this.store.writeRecord(this.actionHex, record)
      } else {
        diskPath = this.store.putSync(this.actionHex, record, Buffer.concat(this.chunks))
      }
      this.store.markInUse(this.outputHex)
      return diskPath
    } catch (err) {
      if (this.tmpFile) await fs.rm(this.tmpFile, { force: true })
      throw err
    }
  }

  abort(): void {
    if (this.done) return
    this.done = true
    const file = this.file
    const tmp = this.tmpFile
    void (async () => {
      await file?.close().catch(() => {})
      if (tmp) await fs.rm(tmp, { force: true })
    })()
  }
}

/**
 * One output imported piece by piece: hashed and written as its bytes come, checked against
 * its name at the end, published once for every action that shares it.
 */
export class SyncImport {
  private readonly hash = createHash('sha256')
  private fd?: number
  private received = 0

  constructor(
    private readonly store: LocalStore,
    private readonly outputHex: string,
    private readonly size: number,
    private readonly tmp: string
  ) {}

  write(data: Buffer): void {
    try {
      this.fd ??= fsSync.openSync(this.tmp, 'wx')
      fsSync.writeSync(this.fd, data)
    } catch (err) {
      this.abort()
      throw err
    }
    this.hash.update(data)
    this.received += data.length
  }

  /** Records the actions when the bytes are whole and hash to the OutputID; false if not. */
  finish(actions: { actionHex: string; timeMs: number }[]): boolean {
    this.close()
    try {
      const digest = this.hash.digest('hex')
      if (this.received !== this.size || digest !== this.outputHex) return false
      const { outputHex, size, tmp } = this
      for (const { actionHex, timeMs } of actions) {
        const publish = () => this.store.publishFileSync(outputHex, size, tmp)
        this.store.recordImport(actionHex, { outputHex, size, timeMs }, publish)
      }
      return true
    } finally {
      fsSync.rmSync(this.tmp, { force: true })
    }
  }

  /** Drops what was written (a download cut short mid-output). */
  abort(): void {
    this.close()
    fsSync.rmSync(this.tmp, { force: true })
  }

  private close(): void {
    if (this.fd === undefined) return
    fsSync.closeSync(this.fd)
    this.fd = undefined
  }
}
