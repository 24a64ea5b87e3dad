import { createHash } from 'node:crypto'

import type { BackupVerify } from '@multibase/api-contracts'

import { ConflictError, ValidationError } from '../database/errors'
import type { StoredBackup } from '../platform/backups'
import { getBackupStore } from './store'

/** Re-reads a stored backup and hashes it: proof (or not) that the bytes are the ones written. */
export async function verifyStoredBackup(backup: StoredBackup): Promise<BackupVerify> {
  if (backup.status !== 'succeeded') throw new ConflictError(`Backup is ${backup.status}; only a finished backup can be verified`, 'BACKUP_NOT_READY')
  const { body } = await getBackupStore().get(backup.objectKey)
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of body) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  const actual = hash.digest('hex')
  return { ok: actual === backup.sha256 && size === backup.sizeBytes, expected: backup.sha256, actual, sizeBytes: size }
}

/** Restores start here: a stored object that no longer matches its checksum never reaches a database. */
export async function assertBackupIntact(backup: StoredBackup): Promise<void> {
  const result = await verifyStoredBackup(backup)
  if (!result.ok) {
    throw new ValidationError(
      'The stored backup does not match its recorded sha256; it was changed or damaged after it was written, so nothing was restored',
      { expected: result.expected, actual: result.actual },
      'BACKUP_CHECKSUM_MISMATCH'
    )
  }
}
