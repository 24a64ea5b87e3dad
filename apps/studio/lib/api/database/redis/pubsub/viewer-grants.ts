import { PUBSUB_CLOSE_CODES } from '@multibase/api-contracts'

import { logger } from '../../../../logger'
import { roleAllows } from '../../../authorization'
import type { ChangeFeedEvent } from '../../../platform/change-feed'
import { readProjectAccess } from '../../../platform/projects'
import { NotFoundError } from '../../errors'
import type { Viewer } from './viewer'

/** What a viewer was let in on: re-checked whenever any of it may have changed. */
export interface ViewerGrant {
  ref: string
  userId: string
  projectId: string
  organizationId: string
  connectionId: string
  /** The connection row's version (updated_at) the viewer's subscriber was made from. */
  connectionVersion: string
}

/** Whether a feed event may change what this grant allows. */
export function eventAffectsGrant(event: ChangeFeedEvent, grant: ViewerGrant): boolean {
  if (event.kind === 'flush') return true
  const { change } = event
  if (change.project_id) return change.project_id === grant.projectId
  if (change.organization_id) return change.organization_id === grant.organizationId
  return true
}

type Verdict = { allowed: true } | { allowed: false; reason: string }

/**
 * Reads the caller's access now, from the platform database (never the cache: this is the check the
 * cache's staleness bound relies on). A database that cannot be reached keeps the viewer open — the
 * next change or periodic re-check decides — rather than dropping every socket on a platform blip.
 */
async function verdictFor(grant: ViewerGrant): Promise<Verdict | undefined> {
  try {
    const access = await readProjectAccess(grant.ref, grant.userId)
    if (!roleAllows(access.role, 'read')) return { allowed: false, reason: 'Your role no longer allows reading this project' }
    const row = access.project.connections.find((connection) => connection.id === grant.connectionId)
    if (!row) return { allowed: false, reason: 'The connection was removed' }
    if (new Date(row.updated_at).toISOString() !== grant.connectionVersion) {
      return { allowed: false, reason: 'The connection was changed; reconnect' }
    }
    return { allowed: true }
  } catch (error) {
    if (error instanceof NotFoundError) return { allowed: false, reason: 'You no longer have access to this project' }
    logger.warn('pub/sub re-authorization failed', { error: (error as Error).message })
    return undefined
  }
}

/**
 * Re-authorizes viewers; one platform read per (user, project, connection) however many sockets
 * share it. A viewer that lost access is closed with 4403.
 */
export async function reauthorizeViewers(viewers: ReadonlyArray<[Viewer, ViewerGrant]>): Promise<void> {
  const groups = new Map<string, Array<[Viewer, ViewerGrant]>>()
  for (const entry of viewers) {
    const [, grant] = entry
    const key = `${grant.userId}\u0000${grant.ref}\u0000${grant.connectionId}\u0000${grant.connectionVersion}`
    groups.set(key, [...(groups.get(key) ?? []), entry])
  }
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const verdict = await verdictFor(group[0][1])
      if (!verdict || verdict.allowed) return
      for (const [viewer] of group) viewer.close(PUBSUB_CLOSE_CODES.forbidden, verdict.reason)
    })
  )
}
