import type { Readable } from 'node:stream'

import { restoreBackupBodySchema } from '@multibase/api-contracts'
import { z } from 'zod'

import { ValidationError } from '../database/errors'
import type { JobDefinition } from '../jobs/types'
import { findBackup, type StoredBackup } from '../platform/backups'
import type { ProjectRef } from '../platform/connections'
import { planMongoRestore, runMongoRestore } from './engines/mongodb'
import { planPostgresRestore, runPostgresRestore } from './engines/postgres'
import { planRedisRestore, runRedisRestore } from './engines/redis'
import type { EngineProgress, RestorePlan } from './engines/types'
import { progressSaver } from './progress'
import { getBackupStore } from './store'
import { assertBackupIntact } from './verify'

const payloadSchema = restoreBackupBodySchema.extend({ backupId: z.string().uuid() }).strict()
type RestorePayload = z.infer<typeof payloadSchema>

function plan(project: ProjectRef, backup: StoredBackup, payload: RestorePayload, archive: Readable): Promise<RestorePlan> {
  switch (backup.engine) {
    case 'postgres':
      return planPostgresRestore(project, payload.connectionId, archive, payload)
    case 'redis':
      return planRedisRestore(project, payload.connectionId, archive, payload)
    case 'mongodb':
      return planMongoRestore(project, payload.connectionId, archive, payload)
  }
}

async function restore(
  project: ProjectRef,
  backup: StoredBackup,
  payload: RestorePayload,
  archive: Readable,
  onProgress: (progress: EngineProgress) => void
): Promise<Record<string, unknown>> {
  switch (backup.engine) {
    case 'postgres':
      await runPostgresRestore(project, payload.connectionId, archive, payload, onProgress)
      return {}
    case 'redis':
      return runRedisRestore(project, payload.connectionId, archive, payload, onProgress)
    case 'mongodb':
      return runMongoRestore(project, payload.connectionId, archive, payload, onProgress)
  }
}

/**
 * A restore (or its dry run): first the whole stored object is re-read and its sha256 checked, and
 * only then is it streamed a second time into the target. Not resumable: a restore half applied by
 * a lost worker is reported failed rather than applied twice.
 */
export const restoreJob: JobDefinition<RestorePayload> = {
  kind: 'backup-restore',
  payloadSchema,
  concurrency: 1,
  resumable: false,
  async run({ project, payload, checkpoint }) {
    const backup = await findBackup(project.id, payload.backupId)
    if (backup.status !== 'succeeded') throw new ValidationError(`Backup is ${backup.status}; only a finished backup can be restored`)
    const saver = progressSaver({ backupId: backup.id, engine: backup.engine, dryRun: payload.dryRun }, checkpoint, () => undefined)
    await saver.phase('verifying')
    await assertBackupIntact(backup)
    if (saver.stopped) return saver.progress
    const { body } = await getBackupStore().get(backup.objectKey)
    if (payload.dryRun) {
      await saver.phase('planning')
      const report = await plan(project, backup, payload, body)
      await saver.flush({ phase: 'done', plan: report })
      return saver.progress
    }
    await saver.phase('restoring')
    const counts = await restore(project, backup, payload, body, (progress) => saver.update(progress))
    await saver.flush({ phase: 'done', current: null, ...counts })
    return saver.progress
  },
}
