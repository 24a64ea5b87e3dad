import { backupJob } from '../backups/backup-job'
import { restoreJob } from '../backups/restore-job'
import { redisBulkDeleteJob } from '../database/redis/bulk-delete'
import { syncJob } from '../sync/sync-job'
import type { JobDefinition } from './types'

/** Every kind of background job this Studio runs; each instance works on all of them. */
export const jobDefinitions: JobDefinition<unknown>[] = [redisBulkDeleteJob, syncJob as JobDefinition<unknown>, backupJob, restoreJob]
