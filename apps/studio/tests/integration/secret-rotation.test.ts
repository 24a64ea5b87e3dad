import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { promisify } from 'node:util'

import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiRequest, errorOf } from '../helpers/api'
import { createScratchDatabase } from '../helpers/own-servers'
import { createReadOnlyRole, dropTestRole } from '../helpers/pg-fixture'
import { postgresEndpoint } from '../helpers/services'
import { mintToken, TEST_JWT_SECRET } from '../helpers/tokens'
import { startStudio, type StudioProcess } from '../setup/studio-process'

const run = promisify(execFile)
const oldKey = `old:${randomBytes(32).toString('base64')}`
const newKey = `new:${randomBytes(32).toString('base64')}`

let database: { url: string; drop(): Promise<void> }
let token: string
let ref: string
let connectionId: string
let readOnlyRole: { username: string; password: string } | undefined

const studioEnv = (keys: string) => ({
  NEXT_PUBLIC_IS_PLATFORM: 'true',
  DATABASE_URL: database.url,
  GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
  ENCRYPTION_KEYS: keys,
  ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
})

async function withStudio<T>(keys: string, fn: (studio: StudioProcess) => Promise<T>): Promise<T> {
  const studio = await startStudio(studioEnv(keys))
  try {
    return await fn(studio)
  } finally {
    await studio.stop()
  }
}

const testConnection = (studio: StudioProcess) =>
  apiRequest('POST', `/api/platform/postgres/${ref}/connections/${connectionId}/test`, { token, baseUrl: studio.url })

beforeAll(async () => {
  database = await createScratchDatabase('multibase_test_rotation')
  token = await mintToken()
  ref = `rot-${Date.now()}`
  readOnlyRole = await createReadOnlyRole()
  await withStudio(oldKey, async (studio) => {
    const call = (method: string, urlPath: string, body: unknown) => apiRequest(method, urlPath, { token, body, baseUrl: studio.url })
    const org = await call('POST', '/api/platform/organizations', { name: 'rotation', slug: ref })
    await call('POST', '/api/platform/projects', { organizationId: org.body.id, name: ref, ref })
    const endpoint = postgresEndpoint()
    const created = await call('POST', `/api/platform/postgres/${ref}/connections`, {
      identifier: 'sealed',
      host: endpoint.host,
      port: endpoint.port,
      username: endpoint.username ?? 'postgres',
      password: 'rotate-me-please',
      // A second sealed secret of another kind, which rotation must re-seal too.
      readOnlyUsername: readOnlyRole?.username,
      readOnlyPassword: readOnlyRole?.password,
    })
    connectionId = created.body.id
  })
})
afterAll(async () => {
  await database?.drop()
  if (readOnlyRole) await dropTestRole(readOnlyRole.username)
})

describe('encryption key rotation', () => {
  it('re-seals stored secrets with the new key so the old one can be dropped', async () => {
    const keyIds = async () => {
      const client = new Client({ connectionString: database.url })
      await client.connect()
      const { rows } = await client.query('SELECT key_id FROM platform.credentials')
      await client.end()
      return rows.map((row) => row.key_id)
    }
    expect(await keyIds()).toEqual(['old', 'old'])

    await withStudio(newKey, async (studio) => {
      const refused = await testConnection(studio)
      expect(refused.status).toBe(500)
      expect(errorOf(refused).code).toBe('SECRET_KEY_MISSING')
    })

    const { stdout } = await run(process.execPath, ['--import', 'tsx', '../../scripts/rotate-secrets.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, DATABASE_URL: database.url, ENCRYPTION_KEYS: `${newKey},${oldKey}`, NEXT_PUBLIC_IS_PLATFORM: 'true' },
    })
    expect(stdout).toContain('re-sealed 2 secret')
    expect(await keyIds()).toEqual(['new', 'new'])

    await withStudio(newKey, async (studio) => {
      const tested = await testConnection(studio)
      expect(tested.status).toBe(200)
      // The read-only login's password opened with the new key: the check logged in as it.
      expect(tested.body.readOnlyLogin).toMatchObject({ username: readOnlyRole?.username, readOnly: true })
    })
  })
})
