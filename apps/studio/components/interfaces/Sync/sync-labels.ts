import type { SyncJobState } from '@multibase/api-contracts'

import type { BadgeVariant } from 'components/ui/Badge'

export const STATE_BADGE: Record<SyncJobState, BadgeVariant> = {
  idle: 'default',
  running: 'brand',
  pausing: 'warning',
  paused: 'warning',
  stopping: 'warning',
  stopped: 'default',
  completed: 'brand',
  failed: 'destructive',
}

export const DIRECTION_LABEL: Record<string, string> = {
  'postgres->postgres': 'Postgres → Postgres',
  'mongodb->mongodb': 'MongoDB → MongoDB',
  'redis->redis': 'Redis → Redis',
  'mongodb->postgres': 'MongoDB → Postgres',
}

/** done/total as a whole percentage, or null while the total is unknown (Redis key patterns). */
export function percentOf(done: number, total: number | null | undefined): number | null {
  if (!total) return total === 0 ? 100 : null
  return Math.min(100, Math.floor((done / total) * 100))
}
