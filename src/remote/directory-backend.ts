// A plain directory as the remote tier: a shared disk for self-hosted runners, or local use.
// Entries are files named by key, published once by hard link, like the service's
// immutable entries.

import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import {
  checkKey,
  pourFile,
  type ByteSink,
  type RemoteBackend,
  type UploadResult
} from './backend.js'

export class DirectoryBackend implements RemoteBackend {
  readonly name: string

  constructor(private readonly dir: string) {
    this.name = `directory ${dir}`
  }

  async download(key: string, into: ByteSink): Promise<boolean> {
    try {
      await pourFile(path.join(this.dir, checkKey(key)), into)
      return true
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw err
    }
  }

  async upload(key: string, file: string): Promise<UploadResult> {
    const final = path.join(this.dir, checkKey(key))
    await fs.mkdir(this.dir, { recursive: true })
    // Copy under a private name first: readers never see a half-written entry.
    const tmp = path.join(this.dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`)
    await fs.copyFile(file, tmp)
    try {
      await fs.link(tmp, final)
      return { status: 'saved' }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { status: 'exists' }
      throw err
    } finally {
      await fs.rm(tmp, { force: true })
    }
  }

  async restoreNewest(prefixes: string[], file: string): Promise<string | undefined> {
    let names: string[]
    try {
      names = await fs.readdir(this.dir)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw err
    }
    for (const prefix of prefixes) {
      const candidates = names.filter(name => name.startsWith(prefix) && !name.startsWith('.'))
      let newest: { name: string; mtimeMs: number } | undefined
      for (const name of candidates) {
        const { mtimeMs } = await fs.stat(path.join(this.dir, name))
        if (
          !newest ||
          mtimeMs > newest.mtimeMs ||
          (mtimeMs === newest.mtimeMs && name > newest.name)
        ) {
          newest = { name, mtimeMs }
        }
      }
      if (newest && (await this.copyOut(newest.name, file))) return newest.name
    }
    return undefined
  }

  private async copyOut(key: string, file: string): Promise<boolean> {
    try {
      await fs.copyFile(path.join(this.dir, checkKey(key)), file)
      return true
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw err
    }
  }
}
