import { z } from 'zod'

import { createBackupBodySchema } from '@multibase/api-contracts'

import { redactSecrets } from '../database/redact'
import type { JobDefinition } from '../jobs/types'
import { findBackup, finishBackupRecord } from '../platform/backups'
import type { ProjectRef } from '../platform/connections'
import { findJobRecord } from '../platform/jobs'
import { startMongoBackup } from './engines/mongodb'
import { startPostgresBackup } from './engines/postgres'
import { startRedisBackup } from './engines/redis'
import type { BackupRun, EngineProgress } from './engines/types'
import { progressSaver } from './progress'
import { getBackupStore } from './store'

const payloadSchema = createBackupBodySchema.extend({ backupId: z.string().uuid() }).strict()
type BackupPayload = z.infer<typeof payloadSchema>

function startEngine(project: ProjectRef, payload: BackupPayload, onProgress: (progress: EngineProgress) => void): Promise<BackupRun> {
  switch (payload.engine) {
    case 'postgres':
      return startPostgresBackup(project, payload.connectionId, { kind: payload.kind, schemas: payload.schemas, tables: payload.tables }, onProgress)
    case 'redis':
      return startRedisBackup(project, payload.connectionId, payload.pattern ?? '*', onProgress)
    case 'mongodb':
      return startMongoBackup(project, payload.connectionId, { database: payload.database, collections: payload.collections }, onProgress)
  }
}

/**
 * Streams one backup from its engine into the BackupStore, hashing the stored bytes on the way, and
 * records the outcome in platform.backups. A backup taken over by another instance starts over (a
 * half-written stream cannot be continued) and overwrites the same object; the object only counts
 * once its row says succeeded with the sha256 of exactly those bytes.
 */
export const backupJob: JobDefinition<BackupPayload> = {
  kind: 'backup',
  payloadSchema,
  concurrency: 2,
  resumable: true,
  async run({ id, project, payload, checkpoint }) {
    const record = await findBackup(project.id, payload.backupId)
    const store = getBackupStore()
    const started = Date.now()
    let engine: BackupRun | undefined
    const saver = progressSaver({ backupId: record.id, engine: payload.engine }, checkpoint, () => engine?.abort())
    try {
      await saver.phase('dumping')
      engine = await startEngine(project, payload, (progress) => saver.update(progress))
      const [stored] = await Promise.all([store.put(record.objectKey, engine.stream), engine.finished])
      if (saver.stopped) throw new Error('stopped')
      await finishBackupRecord(project.id, record.id, {
        status: 'succeeded',
        sizeBytes: stored.size,
        sha256: stored.sha256,
        durationMs: Date.now() - started,
        engineVersion: engine.engineVersion,
      })
      await saver.flush({ phase: 'done', current: null, sizeBytes: stored.size, sha256: stored.sha256 })
      return saver.progress
    } catch (error) {
      const job = await findJobRecord(project.id, id)
      const cancelled = job?.state === 'cancelled'
      // Handed back or taken over: the next worker writes the object again, so it is not ours to delete.
      if (saver.stopped && !cancelled) return saver.progress
      await store.delete(record.objectKey).catch(() => undefined)
      await finishBackupRecord(project.id, record.id, {
        status: cancelled ? 'cancelled' : 'failed',
        error: cancelled ? null : redactSecrets((error as Error).message),
        durationMs: Date.now() - started,
      })
      if (cancelled) return saver.progress
      throw error
    }
  },
}
