import { backupJob } from '../backups/backup-job'
import { restoreJob } from '../backups/restore-job'
import { redisBulkDeleteJob } from '../database/redis/bulk-delete'
import type { JobDefinition } from './types'

/** Every kind of background job this Studio runs; each instance works on all of them. */
export const jobDefinitions: JobDefinition<unknown>[] = [redisBulkDeleteJob, backupJob, restoreJob]
