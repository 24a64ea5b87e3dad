import { describe, expect, it } from 'vitest'

import { NotFoundError } from '../../lib/api/database/errors'
import { eventAffectsGrant, type ViewerGrant } from '../../lib/api/database/redis/pubsub/viewer-grants'
import { AccessCache } from '../../lib/api/platform/access-cache'
import type { ProjectAccess } from '../../lib/api/platform/projects'

const access = (projectId: string, organizationId: string): ProjectAccess => ({
  project: { id: projectId, ref: `ref-${projectId}`, name: 'p', organizationId, connections: [] },
  role: 'developer',
})

/** A loader that counts its platform reads. */
function loader(result: ProjectAccess) {
  const counter = { reads: 0, load: async () => (counter.reads++, result) }
  return counter
}

describe('project access cache', () => {
  it('reads the platform once per caller and project, then serves from memory', async () => {
    const cache = new AccessCache(30_000)
    const source = loader(access('p1', 'o1'))
    await cache.get('ref-p1', 'u1', source.load)
    await cache.get('ref-p1', 'u1', source.load)
    expect(source.reads).toBe(1)
    await cache.get('ref-p1', 'u2', source.load)
    expect(source.reads).toBe(2)
  })

  it('drops the entries a change touches: its project, its organization, and everything on a flush', async () => {
    const cache = new AccessCache(30_000)
    await cache.get('ref-p1', 'u1', loader(access('p1', 'o1')).load)
    await cache.get('ref-p2', 'u1', loader(access('p2', 'o1')).load)
    await cache.get('ref-p3', 'u1', loader(access('p3', 'o2')).load)
    cache.onFeedEvent({ kind: 'change', change: { table: 'members', op: 'DELETE', project_id: 'p1', user_id: 'u9' } })
    expect(cache.size).toBe(2)
    cache.onFeedEvent({ kind: 'change', change: { table: 'organization_members', op: 'DELETE', organization_id: 'o1', user_id: 'u9' } })
    expect(cache.size).toBe(1)
    cache.onFeedEvent({ kind: 'change', change: { table: 'database_connections', op: 'UPDATE', project_id: 'p9', connection_id: 'c' } })
    expect(cache.size).toBe(1)
    cache.onFeedEvent({ kind: 'flush', reason: 'listener reconnected' })
    expect(cache.size).toBe(0)
  })

  it('does not store what a read started before an invalidation returned', async () => {
    const cache = new AccessCache(30_000)
    let release: (value: ProjectAccess) => void = () => undefined
    const slow = cache.get('ref-p1', 'u1', () => new Promise<ProjectAccess>((resolve) => (release = resolve)))
    cache.onFeedEvent({ kind: 'change', change: { table: 'members', op: 'DELETE', project_id: 'p1', user_id: 'u1' } })
    release(access('p1', 'o1'))
    await slow
    expect(cache.size).toBe(0)
  })

  it('never caches a refusal, and caches nothing with a TTL of 0', async () => {
    const cache = new AccessCache(30_000)
    const refused = () => Promise.reject(new NotFoundError('Project "x" not found', 'PROJECT_NOT_FOUND'))
    await expect(cache.get('x', 'u1', refused)).rejects.toThrow(NotFoundError)
    expect(cache.size).toBe(0)
    const off = new AccessCache(0)
    const source = loader(access('p1', 'o1'))
    await off.get('ref-p1', 'u1', source.load)
    await off.get('ref-p1', 'u1', source.load)
    expect(source.reads).toBe(2)
  })
})

describe('which pub/sub viewers a change concerns', () => {
  const grant: ViewerGrant = { ref: 'r', userId: 'u', projectId: 'p1', organizationId: 'o1', connectionId: 'c1', connectionVersion: 'v' }

  it('matches by project, else by organization, and every viewer on a flush', () => {
    expect(eventAffectsGrant({ kind: 'change', change: { table: 'members', op: 'UPDATE', project_id: 'p1', user_id: 'x' } }, grant)).toBe(true)
    expect(eventAffectsGrant({ kind: 'change', change: { table: 'members', op: 'UPDATE', project_id: 'p2', user_id: 'x' } }, grant)).toBe(false)
    expect(eventAffectsGrant({ kind: 'change', change: { table: 'organization_members', op: 'DELETE', organization_id: 'o1' } }, grant)).toBe(true)
    expect(eventAffectsGrant({ kind: 'change', change: { table: 'organization_members', op: 'DELETE', organization_id: 'o2' } }, grant)).toBe(false)
    expect(eventAffectsGrant({ kind: 'flush', reason: 'listener lost' }, grant)).toBe(true)
  })
})
