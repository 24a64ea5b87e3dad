import type { SyncJobEventType } from '@multibase/api-contracts'

import { getPlatformDatabase, type Queryable } from '../platform/database'
import { appendSyncEvent } from '../platform/sync-jobs'

/**
 * Records one event of a sync job's stream. Events live in the platform database (never in process
 * memory), so the stream reads the same sequence on every instance and a reconnect resumes by id.
 */
export async function recordSyncEvent(syncJobId: string, type: SyncJobEventType, data: Record<string, unknown>, db?: Queryable): Promise<void> {
  await appendSyncEvent(db ?? (await getPlatformDatabase()), syncJobId, type, data)
}
