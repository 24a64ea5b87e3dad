import type { SyncConflictPolicy, SyncMode, SyncScope } from '@multibase/api-contracts'

import type { ProjectRef } from '../../platform/connections'
import type { SyncProgressTracker } from '../progress'

/** A sync definition as the engines read it (stored in platform.sync_jobs.definition). */
export interface SyncDefinition {
  sourceConnectionId: string
  targetConnectionId: string
  scope: SyncScope
  mode: SyncMode
  conflictPolicy: SyncConflictPolicy
  batchSize: number
  /** Already normalized by the row-filter parser. */
  rowFilter?: string
  /** Canonical Extended JSON text, checked for server-side JavaScript. */
  documentFilter?: string
  /** MongoDB targets: the database every collection is copied into (default: the source's). */
  targetDatabase?: string
}

/**
 * What an engine gets: its definition, where the previous run stopped, the progress tracker, and
 * `save`, which stores the next resume point after a batch is committed in the target and says
 * whether to go on (false on pause, stop, takeover or shutdown: return right away).
 */
export interface EngineContext {
  project: ProjectRef
  definition: SyncDefinition
  checkpoint: Record<string, unknown> | null
  progress: SyncProgressTracker
  save(checkpoint: Record<string, unknown>, unit: string): Promise<boolean>
  warn(message: string, details?: Record<string, unknown>): Promise<void>
}

/** Returns true when every unit was copied, false when it stopped because `save` said so. */
export type SyncEngine = (context: EngineContext) => Promise<boolean>
