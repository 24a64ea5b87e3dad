import { LRUCache } from 'lru-cache'

import { getEnv } from '../../env'
import { processSingleton } from '../../singleton'
import type { ChangeFeedEvent, PlatformChange } from './change-feed'
import type { ProjectAccess } from './projects'

const MAX_ENTRIES = 10_000

/**
 * Per-instance cache of a caller's access to a project (role + the project's connection rows), so the
 * hot path of a request needs no platform round trip. Entries are dropped by the change feed (any
 * change to the project, its organization's members, its connections or credentials), everything on
 * a feed flush, and each entry lives at most AUTHZ_CACHE_TTL_MS: the bound on staleness when a
 * notification is lost. Only granted access is cached; a refusal is always read again, so a member
 * just added is let in at once.
 *
 * A fill that started before an invalidation must not store what it read: every invalidation bumps
 * `generation`, and a fill stores its result only if the generation it started under is still current.
 */
export class AccessCache {
  private readonly entries: LRUCache<string, ProjectAccess>
  private generation = 0

  constructor(readonly ttlMs: number) {
    this.entries = new LRUCache({ max: MAX_ENTRIES, ttl: Math.max(ttlMs, 1) })
  }

  get enabled(): boolean {
    return this.ttlMs > 0
  }

  async get(ref: string, userId: string, load: () => Promise<ProjectAccess>): Promise<ProjectAccess> {
    if (!this.enabled) return load()
    const key = `${userId}\u0000${ref}`
    const cached = this.entries.get(key)
    if (cached) return cached
    const startedAt = this.generation
    const access = await load()
    if (startedAt === this.generation) this.entries.set(key, access)
    return access
  }

  onFeedEvent(event: ChangeFeedEvent): void {
    if (event.kind === 'flush') return this.clear()
    this.invalidate(event.change)
  }

  clear(): void {
    this.generation++
    this.entries.clear()
  }

  invalidate(change: PlatformChange): void {
    this.generation++
    for (const [key, access] of this.entries.entries()) {
      if (affects(change, access)) this.entries.delete(key)
    }
  }

  get size(): number {
    return this.entries.size
  }
}

/** Whether a change may alter this cached access (its role, its project or its connection rows). */
function affects(change: PlatformChange, access: ProjectAccess): boolean {
  if (change.project_id) return change.project_id === access.project.id
  if (change.organization_id) return change.organization_id === access.project.organizationId
  // A change that names neither cannot be placed: drop the entry rather than guess.
  return true
}

export const getAccessCache = () => processSingleton('project-access-cache', () => new AccessCache(getEnv().AUTHZ_CACHE_TTL_MS))
