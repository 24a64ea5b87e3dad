import { randomUUID } from 'node:crypto'

import type { CreateBackupBody, JobStarted, RestoreBackupBody } from '@multibase/api-contracts'
import type { NextApiResponse } from 'next'
import { pipeline } from 'node:stream/promises'

import { ConflictError } from '../database/errors'
import { enqueueJob } from '../jobs/enqueue'
import { attachBackupJob, deleteBackupRecord, findBackup, insertBackupRecord } from '../platform/backups'
import { getDatabaseConnection, type ProjectRef } from '../platform/connections'
import { backupJob } from './backup-job'
import { restoreJob } from './restore-job'
import { getBackupStore } from './store'
import { objectKeyFor } from './store/object-key'

interface Caller {
  project: ProjectRef
  userId: string | null
  requestId: string
}

/** Catalogues a backup (status running) and queues the job that writes it. */
export async function createBackup(caller: Caller, body: CreateBackupBody): Promise<JobStarted & { backupId: string }> {
  // 404 unless the connection is this project's and of this engine.
  const connection = await getDatabaseConnection(caller.project, body.engine, body.connectionId)
  const backupId = randomUUID()
  const { engine, connectionId: _connectionId, kind, ...scope } = body
  await insertBackupRecord({
    id: backupId,
    projectId: caller.project.id,
    connectionId: connection.id,
    engine,
    kind: engine === 'postgres' ? kind : 'full',
    scope,
    objectKey: objectKeyFor(caller.project.id, backupId, engine),
    createdBy: caller.userId,
  })
  const started = await enqueueJob(backupJob, {
    project: caller.project,
    userId: caller.userId,
    requestId: caller.requestId,
    payload: { ...body, connectionId: connection.id, backupId },
    progress: { backupId, engine, phase: 'queued' },
  })
  await attachBackupJob(caller.project.id, backupId, started.jobId)
  return { ...started, backupId }
}

/** Queues a restore (or its dry run) of a finished backup into a connection of the same engine. */
export async function startRestore(caller: Caller, backupId: string, body: RestoreBackupBody): Promise<JobStarted> {
  const backup = await findBackup(caller.project.id, backupId)
  if (backup.status !== 'succeeded') throw new ConflictError(`Backup is ${backup.status}; only a finished backup can be restored`, 'BACKUP_NOT_READY')
  const target = await getDatabaseConnection(caller.project, backup.engine, body.connectionId)
  return enqueueJob(restoreJob, {
    project: caller.project,
    userId: caller.userId,
    requestId: caller.requestId,
    payload: { ...body, connectionId: target.id, backupId },
    progress: { backupId, engine: backup.engine, dryRun: body.dryRun, phase: 'queued' },
  })
}

/** Deletes a backup's object, then its row; a running backup is cancelled first through its job. */
export async function deleteBackup(project: ProjectRef, backupId: string): Promise<void> {
  const backup = await findBackup(project.id, backupId)
  if (backup.status === 'running') throw new ConflictError('The backup is still running; cancel its job first', 'BACKUP_RUNNING')
  await getBackupStore().delete(backup.objectKey)
  await deleteBackupRecord(project.id, backupId)
}

const DOWNLOAD_NAMES = { postgres: 'dump', redis: 'ndjson.gz', mongodb: 'tar.gz' } as const

/** Streams a finished backup to the caller with its size and recorded sha256 in headers. */
export async function sendBackupDownload(project: ProjectRef, backupId: string, res: NextApiResponse): Promise<void> {
  const backup = await findBackup(project.id, backupId)
  if (backup.status !== 'succeeded') throw new ConflictError(`Backup is ${backup.status}; only a finished backup can be downloaded`, 'BACKUP_NOT_READY')
  const { body, size } = await getBackupStore().get(backup.objectKey)
  res.statusCode = 200
  res.setHeader('Content-Type', 'application/octet-stream')
  res.setHeader('Content-Length', String(size))
  res.setHeader('X-Backup-Sha256', backup.sha256 ?? '')
  res.setHeader('Content-Disposition', `attachment; filename="backup-${backup.engine}-${backup.id}.${DOWNLOAD_NAMES[backup.engine]}"`)
  await pipeline(body, res)
}
