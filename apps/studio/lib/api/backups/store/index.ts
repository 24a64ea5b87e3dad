import { getEnv } from '../../../env'
import { processSingleton } from '../../../singleton'
import { LocalBackupStore } from './local-store'
import { S3BackupStore } from './s3-store'
import type { BackupStore } from './types'

/** The store this instance uses: S3 when BACKUP_S3_URL and BACKUP_S3_BUCKET are set, else BACKUP_DIR. */
export function getBackupStore(): BackupStore {
  return processSingleton('backup-store', () => {
    const env = getEnv()
    if (env.BACKUP_S3_URL && env.BACKUP_S3_BUCKET) {
      return new S3BackupStore({
        endpoint: env.BACKUP_S3_URL,
        bucket: env.BACKUP_S3_BUCKET,
        region: env.BACKUP_S3_REGION,
        accessKeyId: env.BACKUP_S3_ACCESS_KEY_ID,
        secretAccessKey: env.BACKUP_S3_SECRET_ACCESS_KEY,
      })
    }
    return new LocalBackupStore(env.BACKUP_DIR)
  })
}

export type { BackupStore, StoredObject } from './types'
