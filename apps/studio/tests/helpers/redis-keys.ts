import Redis from 'ioredis'

import { addConnection, createProject, type TestProject } from './fixtures'
import { REDIS_URL } from './services'

/** A direct client to one of the suite's Redis databases, for fixtures and for checking what the API wrote. */
export function redisDatabase(db: number): Redis {
  const url = new URL(REDIS_URL)
  url.pathname = `/${db}`
  return new Redis(url.toString(), { lazyConnect: false, maxRetriesPerRequest: 1 })
}

/** A project whose primary Redis connection points at database `db` of the test server. */
export async function projectOnRedisDatabase(db: number): Promise<TestProject> {
  const project = await createProject()
  await addConnection(project, 'redis', { options: { db } })
  return project
}

/** `/api/platform/redis/{ref}/keys/{key}` with the key path-encoded (binary names as base64url). */
export function keyPath(ref: string, name: string | Buffer, suffix = '', query: Record<string, string | number> = {}): string {
  const params = new URLSearchParams(Object.entries(query).map(([field, value]) => [field, String(value)]))
  if (Buffer.isBuffer(name)) params.set('encoding', 'base64')
  const segment = Buffer.isBuffer(name) ? name.toString('base64url') : encodeURIComponent(name)
  const search = params.toString()
  return `/api/platform/redis/${ref}/keys/${segment}${suffix}${search ? `?${search}` : ''}`
}

/** Writes `count` commands through pipelines of `batch`, so 100k-key fixtures load in about a second. */
export async function loadInBatches(redis: Redis, count: number, queue: (pipeline: ReturnType<Redis['pipeline']>, index: number) => void, batch = 10_000) {
  for (let start = 0; start < count; start += batch) {
    const pipeline = redis.pipeline()
    for (let index = start; index < Math.min(count, start + batch); index++) queue(pipeline, index)
    await pipeline.exec()
  }
}
