import { randomUUID } from 'node:crypto'

import type { JobStatus } from '@multibase/api-contracts'
import Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { apiRequest } from '../helpers/api'
import { redisEndpoint, REDIS_URL } from '../helpers/services'

/**
 * The self-hosted Studio runs on the embedded PGlite platform database: one session, so pg-boss, the
 * worker's progress updates and every API call share one connection. This file's Redis: database 8.
 */
const REDIS_DB = 8
const prefix = `bde:${randomUUID().slice(0, 8)}:`
const KEY_COUNT = 5_000

const selfHosted = (method: string, path: string, body?: unknown) => apiRequest(method, path, { body, baseUrl: inject('selfHostedUrl') })

let redis: Redis
let connectionId: string

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { db: REDIS_DB })
  const endpoint = redisEndpoint()
  const created = await selfHosted('POST', '/api/platform/redis/default/connections', {
    identifier: `bulk-${randomUUID().slice(0, 8)}`,
    host: endpoint.host,
    port: endpoint.port,
    ...(endpoint.password ? { password: endpoint.password } : {}),
    options: { db: REDIS_DB },
  })
  expect(created.status).toBe(201)
  connectionId = created.body.id
})

afterAll(async () => {
  await selfHosted('DELETE', `/api/platform/redis/default/connections/${connectionId}`)
  redis.disconnect()
})

describe('bulk delete on the embedded platform database (PGlite)', () => {
  it('runs the job through the one platform connection, with progress and a final result', async () => {
    const pipeline = redis.pipeline()
    for (let index = 0; index < KEY_COUNT; index++) pipeline.set(`${prefix}${index}`, 'v')
    await pipeline.exec()

    const started = await selfHosted('POST', `/api/platform/redis/default/keys/bulk-delete?connectionId=${connectionId}`, {
      pattern: `${prefix}*`,
      batchSize: 20,
    })
    expect(started.status).toBe(202)
    const snapshots: JobStatus[] = []
    const deadline = Date.now() + 120_000
    for (;;) {
      const status = await selfHosted('GET', `/api/platform/projects/default/jobs/${started.body.jobId}`)
      expect(status.status).toBe(200)
      snapshots.push(status.body)
      if (status.body.result !== null || Date.now() > deadline) break
      await new Promise((resolve) => setTimeout(resolve, 15))
    }
    const final = snapshots.at(-1)!
    expect(final).toMatchObject({ state: 'completed', result: { state: 'completed', deleted: KEY_COUNT, finished: true } })
    expect(snapshots.some((status) => status.state === 'active' && Number(status.progress.deleted) < KEY_COUNT)).toBe(true)
    const [, left] = await redis.scan('0', 'MATCH', `${prefix}*`, 'COUNT', 100_000)
    expect(left).toHaveLength(0)
  })
})
