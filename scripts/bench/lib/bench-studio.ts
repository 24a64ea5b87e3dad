import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { adminQuery, endpointOf, postgresUrlFor, REDIS_URL } from '../../../apps/studio/tests/helpers/services'
import { mintToken, TEST_JWT_SECRET } from '../../../apps/studio/tests/helpers/tokens'
import { startStudio } from '../../../apps/studio/tests/setup/studio-process'

/** Start-up under a load average of 40 (migrations, PGlite) can take minutes. */
const STARTUP_TIMEOUT_MS = 240_000

export interface BenchStudio {
  url: string
  token: string
  ref: string
  /** The platform database (platform mode only), for benchmarks that change rows behind the API. */
  platformDatabaseUrl?: string
  stop(): Promise<void>
}

/** Benchmarks start on a machine shared with test suites: a setup call the platform DB refused is retried. */
async function call(url: string, token: string | undefined, method: string, path: string, body: unknown, attempt = 1): Promise<any> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const json = await response.json()
  if (response.status >= 500 && attempt < 5) {
    await new Promise((resolve) => setTimeout(resolve, 2_000 * attempt))
    return call(url, token, method, path, body, attempt + 1)
  }
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`)
  return json
}

/**
 * A production-build Studio on a fresh platform database (dropped on stop), with one project whose
 * primary Redis connection uses database `redisDb` of the local server. Run `next build` first.
 */
export async function startBenchStudio(redisDb: number, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<BenchStudio> {
  const database = `multibase_bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`
  await adminQuery(`CREATE DATABASE ${database}`)
  let studio: Awaited<ReturnType<typeof startStudio>> | undefined
  const stop = async () => {
    await studio?.stop()
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
  }
  try {
    studio = await startStudio({
      NEXT_PUBLIC_IS_PLATFORM: 'true',
      DATABASE_URL: postgresUrlFor(database),
      GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
      ENCRYPTION_KEYS: `bench-1:${Buffer.alloc(32, 7).toString('base64')}`,
      ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
      LOG_LEVEL: 'warn',
      ...env,
    }, nodeArgs, STARTUP_TIMEOUT_MS)
    const token = await mintToken({ sub: randomUUID(), expiresInSeconds: 3600 })
    const slug = `bench-${randomUUID().slice(0, 8)}`
    const org = await call(studio.url, token, 'POST', '/api/platform/organizations', { name: slug, slug })
    const ref = `b-${randomUUID().replace(/-/g, '').slice(0, 12)}`
    await call(studio.url, token, 'POST', '/api/platform/projects', { organizationId: org.id, name: ref, ref })
    const redis = endpointOf(REDIS_URL, 6379)
    await call(studio.url, token, 'POST', `/api/platform/redis/${ref}/connections`, {
      identifier: 'bench',
      host: redis.host,
      port: redis.port,
      ...(redis.password ? { password: redis.password } : {}),
      options: { db: redisDb },
    })
    return { url: studio.url, token, ref, platformDatabaseUrl: postgresUrlFor(database), stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * A production-build self-hosted Studio: no token, the embedded PGlite platform database in a fresh
 * temporary folder (removed on stop), the default project with one Redis connection on `redisDb`.
 * `token` is empty: self-hosted calls carry no Authorization header.
 */
export async function startSelfHostedBenchStudio(redisDb: number, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<BenchStudio> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'multibase-bench-'))
  let studio: Awaited<ReturnType<typeof startStudio>> | undefined
  const stop = async () => {
    await studio?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    studio = await startStudio({
      NEXT_PUBLIC_IS_PLATFORM: '',
      DATABASE_URL: '',
      PLATFORM_DATA_DIR: dataDir,
      ENCRYPTION_KEYS: `bench-1:${Buffer.alloc(32, 7).toString('base64')}`,
      ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
      LOG_LEVEL: 'warn',
      ...env,
    }, nodeArgs, STARTUP_TIMEOUT_MS)
    const redis = endpointOf(REDIS_URL, 6379)
    await call(studio.url, undefined, 'POST', '/api/platform/redis/default/connections', {
      identifier: `bench-${randomUUID().slice(0, 8)}`,
      host: redis.host,
      port: redis.port,
      ...(redis.password ? { password: redis.password } : {}),
      options: { db: redisDb },
    })
    return { url: studio.url, token: '', ref: 'default', stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** The Authorization header of a bench Studio's calls (none in self-hosted mode). */
export const authHeaders = (studio: BenchStudio): Record<string, string> =>
  studio.token ? { authorization: `Bearer ${studio.token}` } : {}

export function redisUrlFor(db: number): string {
  const url = new URL(REDIS_URL)
  url.pathname = `/${db}`
  return url.toString()
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
