import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { NotFoundError } from '../../lib/api/database/errors'
import type { ChangeFeedEvent } from '../../lib/api/platform/change-feed'
import type { PlatformDatabase } from '../../lib/api/platform/database'

/**
 * Self-hosted mode's platform database is the embedded PGlite, served as one session. This file runs
 * it in the test process itself (a temporary data folder) with the same feed and cache the Studio
 * starts, and checks the feed really LISTENs on that one session.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'multibase-feed-embedded-'))
let db: PlatformDatabase
const events: ChangeFeedEvent[] = []
let stopConsumers: () => Promise<void>

beforeAll(async () => {
  // The env is read once, on first use: self-hosted, embedded database in the temporary folder.
  delete process.env.DATABASE_URL
  process.env.NEXT_PUBLIC_IS_PLATFORM = 'false'
  process.env.PLATFORM_DATA_DIR = dataDir
  process.env.LOG_LEVEL = 'warn'
  const { getPlatformDatabase } = await import('../../lib/api/platform/database')
  const { applyMigrations } = await import('../../lib/api/platform/migrations')
  const { getChangeFeed } = await import('../../lib/api/platform/change-feed')
  const consumers = await import('../../lib/server/change-feed-consumers')
  db = await getPlatformDatabase()
  expect(db.embedded).toBe(true)
  await applyMigrations(db)
  getChangeFeed().subscribe((event) => events.push(event))
  await consumers.startChangeFeedConsumers()
  stopConsumers = consumers.stopChangeFeedConsumers
})

afterAll(async () => {
  await stopConsumers?.()
  await db?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function waitForChange(predicate: (event: ChangeFeedEvent) => boolean): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!events.some(predicate)) {
    if (Date.now() > deadline) throw new Error(`no such change among ${JSON.stringify(events)}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('change feed on the embedded platform database (PGlite)', () => {
  it('hears the triggers\' notifications on the one session, and the cache serves repeats without a query', async () => {
    const userId = randomUUID()
    const [org] = await db.query<{ id: string }>(`INSERT INTO platform.organizations (name, slug) VALUES ('Feed', $1) RETURNING id`, [
      `feed-${randomUUID().slice(0, 8)}`,
    ])
    const ref = `feed-${randomUUID().slice(0, 8)}`
    const [project] = await db.query<{ id: string }>(`INSERT INTO platform.projects (organization_id, ref, name) VALUES ($1, $2, 'f') RETURNING id`, [
      org.id,
      ref,
    ])
    await db.query(`INSERT INTO platform.members (project_id, user_id, role) VALUES ($1, $2, 'developer')`, [project.id, userId])
    await waitForChange(
      (event) => event.kind === 'change' && event.change.table === 'members' && event.change.op === 'INSERT' && event.change.user_id === userId
    )

    const { getProjectAccess } = await import('../../lib/api/platform/projects')
    let checkouts = 0
    const count = () => checkouts++
    db.pool.on('acquire', count)
    try {
      expect((await getProjectAccess(ref, userId)).role).toBe('developer')
      expect(checkouts).toBe(1)
      expect((await getProjectAccess(ref, userId)).role).toBe('developer')
      expect(checkouts).toBe(1)
    } finally {
      db.pool.off('acquire', count)
    }

    // A change made straight in the database (no route announced it) still reaches the cache.
    await db.query('DELETE FROM platform.members WHERE project_id = $1 AND user_id = $2', [project.id, userId])
    await waitForChange((event) => event.kind === 'change' && event.change.op === 'DELETE' && event.change.user_id === userId)
    await expect(getProjectAccess(ref, userId)).rejects.toThrow(NotFoundError)
  })
})
