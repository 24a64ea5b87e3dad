import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { exportJWK, generateKeyPair } from 'jose'
import type { TestProject } from 'vitest/node'

import { adminQuery, postgresUrlFor } from '../helpers/services'
import { TEST_JWT_SECRET } from '../helpers/tokens'
import { freePort, startStudio, type StudioProcess } from './studio-process'

declare module 'vitest' {
  export interface ProvidedContext {
    studioUrl: string
    platformDatabaseUrl: string
    jwksStudioUrl: string
    jwksPrivateJwk: Record<string, unknown>
    jwksKid: string
    jwksControlUrl: string
    selfHostedUrl: string
    encryptionKeys: string
  }
}

/**
 * Starts three Studios for the suite, all from the one production build:
 * - platform mode with the HS256 test secret and loopback database hosts allowed (most tests);
 * - platform mode with only a JWKS (served here on loopback) and an empty host allowlist;
 * - self-hosted mode on the embedded PGlite platform database.
 * Each platform Studio gets a fresh platform database on the test Postgres.
 */
export default async function setup(project: TestProject) {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10)
  const mainDb = `multibase_test_${suffix}`
  const jwksDb = `multibase_test_jwks_${suffix}`
  await adminQuery(`CREATE DATABASE ${mainDb}`)
  await adminQuery(`CREATE DATABASE ${jwksDb}`)
  const encryptionKeys = `test-1:${randomBytes(32).toString('base64')}`

  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
  const kid = `test-${suffix}`
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }
  const jwksPort = await freePort()
  // Tests rotate keys and simulate an outage through POST /control ({ extraKeys, failing }); the
  // suite's own key is always served so other tests' tokens keep verifying.
  let extraKeys: unknown[] = []
  let failing = false
  const jwksServer: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json')
    if (req.method === 'POST' && req.url === '/control') {
      let text = ''
      req.on('data', (chunk) => (text += chunk))
      req.on('end', () => {
        const control = JSON.parse(text) as { extraKeys?: unknown[]; failing?: boolean }
        extraKeys = control.extraKeys ?? extraKeys
        failing = control.failing ?? failing
        res.end('{}')
      })
      return
    }
    if (failing) {
      res.statusCode = 503
      return void res.end('{"error":"unavailable"}')
    }
    res.end(JSON.stringify({ keys: [publicJwk, ...extraKeys] }))
  })
  await new Promise<void>((resolve) => jwksServer.listen(jwksPort, '127.0.0.1', resolve))

  const selfHostedDir = mkdtempSync(path.join(tmpdir(), 'multibase-selfhosted-'))
  const studios: StudioProcess[] = []
  try {
    // allSettled: when one Studio fails to start, the others are stopped too (not left holding connections).
    const settled = await Promise.allSettled([
      startStudio({
        NEXT_PUBLIC_IS_PLATFORM: 'true',
        DATABASE_URL: postgresUrlFor(mainDb),
        GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
        ENCRYPTION_KEYS: encryptionKeys,
        ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
        POOL_ACQUIRE_TIMEOUT_MS: '2000',
      }),
      startStudio({
        NEXT_PUBLIC_IS_PLATFORM: 'true',
        DATABASE_URL: postgresUrlFor(jwksDb),
        GOTRUE_JWT_SECRET: '',
        GOTRUE_JWKS_URL: `http://127.0.0.1:${jwksPort}/auth/v1/.well-known/jwks.json`,
        ENCRYPTION_KEYS: encryptionKeys,
        ALLOWED_DATABASE_HOSTS: '',
      }),
      startStudio({ NEXT_PUBLIC_IS_PLATFORM: 'false', DATABASE_URL: '', PLATFORM_DATA_DIR: selfHostedDir }),
    ])
    for (const result of settled) if (result.status === 'fulfilled') studios.push(result.value)
    const failed = settled.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
    const [main, jwks, selfHosted] = studios
    project.provide('studioUrl', main.url)
    project.provide('platformDatabaseUrl', postgresUrlFor(mainDb))
    project.provide('jwksStudioUrl', jwks.url)
    project.provide('jwksPrivateJwk', (await exportJWK(privateKey)) as Record<string, unknown>)
    project.provide('jwksKid', kid)
    project.provide('jwksControlUrl', `http://127.0.0.1:${jwksPort}/control`)
    project.provide('selfHostedUrl', selfHosted.url)
    project.provide('encryptionKeys', encryptionKeys)
  } catch (error) {
    await Promise.all(studios.map((studio) => studio.stop()))
    jwksServer.close()
    throw error
  }

  return async () => {
    await Promise.all(studios.map((studio) => studio.stop()))
    jwksServer.close()
    rmSync(selfHostedDir, { recursive: true, force: true })
    await adminQuery(`DROP DATABASE IF EXISTS ${mainDb} WITH (FORCE)`)
    await adminQuery(`DROP DATABASE IF EXISTS ${jwksDb} WITH (FORCE)`)
  }
}
