import { randomUUID } from 'node:crypto'

import type { JobStatus } from '@multibase/api-contracts'
import Redis from 'ioredis'
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { errorOf } from '../helpers/api'
import { addConnection, createProject, type TestProject, type TestUser } from '../helpers/fixtures'
import { REDIS_URL } from '../helpers/services'

/** This file's share of the shared Redis: database 5 only, every key under a random prefix. */
const REDIS_DB = 5
const runId = randomUUID().slice(0, 8)
const KEY_COUNT = 50_000

let project: TestProject
let readOnly: TestUser
let redis: Redis

async function seed(prefix: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += 5000) {
    const pipeline = redis.pipeline()
    for (let index = start; index < Math.min(count, start + 5000); index++) pipeline.set(`${prefix}${index}`, 'v')
    await pipeline.exec()
  }
}

async function countKeys(pattern: string): Promise<number> {
  let cursor = '0'
  let count = 0
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5000)
    cursor = next
    count += keys.length
  } while (cursor !== '0')
  return count
}

const jobPath = (id: string) => `/api/platform/projects/${project.ref}/jobs/${id}`
const bulkDeletePath = () => `/api/platform/redis/${project.ref}/keys/bulk-delete`

/** Polls the job status as the UI would and keeps every snapshot, until `until` says so. */
async function watchJob(id: string, until: (status: JobStatus) => boolean) {
  const snapshots: JobStatus[] = []
  const deadline = Date.now() + 120_000
  for (;;) {
    const response = await project.owner.request<JobStatus>('GET', jobPath(id))
    expect(response.status).toBe(200)
    snapshots.push(response.body)
    if (until(response.body)) return snapshots
    if (Date.now() > deadline) throw new Error(`job never reached the expected state: ${JSON.stringify(response.body)}`)
    await new Promise((resolve) => setTimeout(resolve, 15))
  }
}

beforeAll(async () => {
  project = await createProject()
  readOnly = await project.member('read_only')
  await addConnection(project, 'redis', { options: { db: REDIS_DB } })
  redis = new Redis(REDIS_URL, { db: REDIS_DB })
})

afterAll(async () => {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `bd:${runId}:*`, 'COUNT', 5000)
    cursor = next
    if (keys.length > 0) await redis.unlink(...keys)
  } while (cursor !== '0')
  redis.disconnect()
})

describe('POST redis/[ref]/keys/bulk-delete (background job)', () => {
  it(`deletes ${KEY_COUNT} matching keys in batches with progress readable while it runs, and audits the result`, async () => {
    const prefix = `bd:${runId}:all:`
    await seed(prefix, KEY_COUNT)
    await seed(`bd:${runId}:keep:`, 100)

    const started = await project.owner.request('POST', bulkDeletePath(), { pattern: `${prefix}*`, batchSize: 200 })
    expect(started.status).toBe(202)
    expect(started.body).toMatchObject({ kind: 'redis-bulk-delete', state: 'created' })
    const jobId: string = started.body.jobId

    const snapshots = await watchJob(jobId, (status) => status.result !== null)
    const running = snapshots.filter(
      (status) => status.state === 'active' && Number(status.progress.deleted) > 0 && Number(status.progress.deleted) < KEY_COUNT
    )
    expect(running.length).toBeGreaterThan(0)
    // Progress only grows while the job runs.
    const deletedSeen = snapshots.map((status) => Number(status.progress.deleted))
    expect(deletedSeen).toEqual([...deletedSeen].sort((a, b) => a - b))

    const final = snapshots.at(-1)!
    expect(final.state).toBe('completed')
    expect(final.progress).toMatchObject({ deleted: KEY_COUNT, finished: true, pattern: `${prefix}*` })
    expect(final.result).toMatchObject({ state: 'completed', deleted: KEY_COUNT })
    expect(Number(final.progress.scanned)).toBeGreaterThanOrEqual(KEY_COUNT)
    expect(final.startedAt).toBeTruthy()
    expect(final.completedAt).toBeTruthy()

    expect(await countKeys(`${prefix}*`)).toBe(0)
    expect(await countKeys(`bd:${runId}:keep:*`)).toBe(100)

    const platform = new Client({ connectionString: inject('platformDatabaseUrl') })
    await platform.connect()
    try {
      const { rows } = await platform.query(
        `SELECT a.action, a.user_id, a.details FROM platform.audit_log a
           JOIN platform.projects p ON p.id = a.project_id
          WHERE p.ref = $1 AND a.action = 'JOB redis-bulk-delete' AND a.target = $2`,
        [project.ref, JSON.stringify({ jobId })]
      )
      expect(rows).toHaveLength(1)
      expect(rows[0].user_id).toBe(project.owner.id)
      expect(rows[0].details).toMatchObject({ state: 'completed', deleted: KEY_COUNT, pattern: `${prefix}*` })
    } finally {
      await platform.end()
    }
  })

  it('stops within a batch when cancelled, and reports exactly what it deleted', async () => {
    const prefix = `bd:${runId}:cancel:`
    await seed(prefix, KEY_COUNT)
    const started = await project.owner.request('POST', bulkDeletePath(), { pattern: `${prefix}*`, batchSize: 20 })
    expect(started.status).toBe(202)
    const jobId: string = started.body.jobId

    await watchJob(jobId, (status) => status.state === 'active' && Number(status.progress.deleted) > 0)
    const cancelled = await project.owner.request<JobStatus>('POST', `${jobPath(jobId)}/cancel`)
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.state).toBe('cancelled')

    const snapshots = await watchJob(jobId, (status) => status.result !== null)
    const final = snapshots.at(-1)!
    expect(final.state).toBe('cancelled')
    expect(final.result).toMatchObject({ state: 'cancelled', finished: false })
    const deleted = Number(final.result!.deleted)
    expect(deleted).toBeGreaterThan(0)
    expect(deleted).toBeLessThan(KEY_COUNT)
    expect(await countKeys(`${prefix}*`)).toBe(KEY_COUNT - deleted)

    // Nothing moves after the worker acknowledged the cancel.
    const later = await project.owner.request<JobStatus>('GET', jobPath(jobId))
    expect(later.body.progress).toEqual(final.progress)

    const again = await project.owner.request('POST', `${jobPath(jobId)}/cancel`)
    expect(again.status).toBe(409)
    expect(errorOf(again).code).toBe('JOB_ALREADY_ENDED')
  })

  it('lets read_only members read a job but not start or cancel one', async () => {
    const prefix = `bd:${runId}:ro:`
    await seed(prefix, 10)
    const refused = await readOnly.request('POST', bulkDeletePath(), { pattern: `${prefix}*` })
    expect(refused.status).toBe(403)
    expect(errorOf(refused).code).toBe('FORBIDDEN')
    expect(await countKeys(`${prefix}*`)).toBe(10)

    const started = await project.owner.request('POST', bulkDeletePath(), { pattern: `${prefix}*` })
    const jobId: string = started.body.jobId
    const status = await readOnly.request<JobStatus>('GET', jobPath(jobId))
    expect(status.status).toBe(200)
    expect(status.body.id).toBe(jobId)
    const cancel = await readOnly.request('POST', `${jobPath(jobId)}/cancel`)
    expect(cancel.status).toBe(403)
    await watchJob(jobId, (current) => current.result !== null)
  })

  it("hides a job from other projects and validates the request", async () => {
    const prefix = `bd:${runId}:other:`
    await seed(prefix, 5)
    const started = await project.owner.request('POST', bulkDeletePath(), { pattern: `${prefix}*` })
    const other = await createProject()
    const foreign = await other.owner.request('GET', `/api/platform/projects/${other.ref}/jobs/${started.body.jobId}`)
    expect(foreign.status).toBe(404)
    expect(errorOf(foreign).code).toBe('JOB_NOT_FOUND')
    const unknown = await project.owner.request('GET', jobPath(randomUUID()))
    expect(unknown.status).toBe(404)

    for (const body of [{}, { pattern: '' }, { pattern: 'x*', batchSize: 1_000_000 }, { pattern: 'x*', extra: true }]) {
      const response = await project.owner.request('POST', bulkDeletePath(), body)
      expect(response.status).toBe(400)
      expect(errorOf(response).code).toBe('VALIDATION_ERROR')
    }
    const noConnection = await other.owner.request('POST', `/api/platform/redis/${other.ref}/keys/bulk-delete`, { pattern: 'x*' })
    expect(noConnection.status).toBe(404)
    await watchJob(started.body.jobId, (current) => current.result !== null)
  })
})
