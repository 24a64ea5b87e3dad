/**
 * Cost of authentication + pool acquire/release per request, against a trivial authenticated
 * request through the HTTP API, measured in one run.
 *
 *   cd apps/studio && node --import tsx ../../scripts/bench/request-overhead.ts
 *
 * Needs the built Studio (pnpm exec next build) and the local Postgres and Redis.
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'

import { Client } from 'pg'

import { mintToken, TEST_JWT_SECRET } from '../../apps/studio/tests/helpers/tokens'
import { POSTGRES_ADMIN_URL, postgresUrlFor, redisEndpoint } from '../../apps/studio/tests/helpers/services'
import { startStudio } from '../../apps/studio/tests/setup/studio-process'

const ITERATIONS = 4000
const WARMUP = 500

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main() {
  const dbName = `multibase_bench_${randomUUID().replace(/-/g, '').slice(0, 8)}`
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${dbName}`)
  const encryptionKeys = `bench:${Buffer.alloc(32, 3).toString('base64')}`
  const env = {
    NEXT_PUBLIC_IS_PLATFORM: 'true',
    DATABASE_URL: postgresUrlFor(dbName),
    GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: encryptionKeys,
    ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
    LOG_LEVEL: 'warn',
  }
  const studio = await startStudio(env)
  try {
    // 1. A trivial authenticated request through the API (keep-alive, sequential).
    const token = await mintToken()
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const get = () =>
      new Promise<void>((resolve, reject) => {
        const req = http.get(`${studio.url}/api/platform/profile`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
          res.resume()
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))))
        })
        req.on('error', reject)
      })
    const requestTimes: number[] = []
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      const started = process.hrtime.bigint()
      await get()
      if (i >= WARMUP) requestTimes.push(Number(process.hrtime.bigint() - started) / 1e6)
    }
    agent.destroy()

    // 2. The same authentication and pool code, in process, against the same Redis.
    Object.assign(process.env, env)
    const { verifyAccessToken } = await import('../../apps/studio/lib/api/apiAuthenticate')
    const { getPoolManager } = await import('../../apps/studio/lib/api/database/pool-manager')
    const redis = redisEndpoint()
    const identity = { projectId: randomUUID(), type: 'redis' as const, connectionId: randomUUID(), version: 'v1' }
    const loadConfig = async () => ({
      type: 'redis' as const,
      host: redis.host,
      address: redis.host,
      port: redis.port,
      options: { db: 0 },
      connectTimeoutMs: 5000,
    })
    const noop = async () => undefined
    const overheadTimes: number[] = []
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      const started = process.hrtime.bigint()
      await verifyAccessToken(token)
      await getPoolManager().withClient(identity, loadConfig, noop)
      if (i >= WARMUP) overheadTimes.push(Number(process.hrtime.bigint() - started) / 1e6)
    }
    await getPoolManager().drainAll()

    // 3. For the record: a token seen for the first time pays the full signature check.
    const freshTokens = await Promise.all(Array.from({ length: 1000 }, () => mintToken()))
    const firstSightTimes: number[] = []
    for (const fresh of freshTokens) {
      const started = process.hrtime.bigint()
      await verifyAccessToken(fresh)
      firstSightTimes.push(Number(process.hrtime.bigint() - started) / 1e6)
    }

    const request = median(requestTimes)
    const overhead = median(overheadTimes)
    console.log(`trivial authenticated request (GET /api/platform/profile): median ${request.toFixed(3)} ms`)
    console.log(`authentication + pool acquire/release:                     median ${overhead.toFixed(3)} ms`)
    console.log(`ratio: ${((overhead / request) * 100).toFixed(2)} % of a trivial request (goal ≤ 5 %)`)
    console.log(`first request with a new token (full HS256 verification): median ${median(firstSightTimes).toFixed(3)} ms`)
  } finally {
    await studio.stop()
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
