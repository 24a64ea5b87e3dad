import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'
import { randomUUID } from 'node:crypto'

import { NotFoundError } from '../../database/errors'
import { hashingStream } from './hashing'
import { assertObjectKey } from './object-key'
import type { BackupStore, StoredObject } from './types'

/** Backups in a local folder (BACKUP_DIR): the self-hosted default. */
export class LocalBackupStore implements BackupStore {
  readonly name = 'local' as const
  private readonly root: string

  constructor(root: string) {
    this.root = resolve(root)
  }

  private pathOf(key: string): string {
    return join(this.root, assertObjectKey(key))
  }

  async put(key: string, body: Readable): Promise<StoredObject> {
    const target = this.pathOf(key)
    await mkdir(dirname(target), { recursive: true })
    // Written under a temporary name and renamed: a reader never sees a half-written backup.
    const partial = `${target}.${randomUUID()}.partial`
    const hashing = hashingStream()
    try {
      await pipeline(body, hashing.stream, createWriteStream(partial, { mode: 0o600 }))
      await rename(partial, target)
    } catch (error) {
      await rm(partial, { force: true })
      throw error
    }
    return hashing.result()
  }

  async get(key: string): Promise<{ body: Readable; size: number }> {
    const path = this.pathOf(key)
    const info = await stat(path).catch(() => undefined)
    if (!info) throw new NotFoundError('The backup file is missing from storage', 'BACKUP_OBJECT_MISSING')
    return { body: createReadStream(path), size: info.size }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true })
  }
}
