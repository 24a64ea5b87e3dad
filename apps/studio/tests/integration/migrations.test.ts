import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createScratchDatabase } from '../helpers/own-servers'

const run = promisify(execFile)
const studioDir = path.resolve(__dirname, '../..')

let database: { url: string; drop(): Promise<void> }

beforeAll(async () => {
  database = await createScratchDatabase('multibase_test_migrate')
})
afterAll(async () => database.drop())

const migrate = () =>
  run(process.execPath, ['--import', 'tsx', '../../scripts/migrate.ts'], {
    cwd: studioDir,
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
  })

describe('scripts/migrate', () => {
  it('applies every migration to an empty database, in order, and records them', async () => {
    const { stdout } = await migrate()
    expect(stdout).toContain('applied: 001_create_platform_schema.sql, 002_add_multi_database_support.sql')
    const client = new Client({ connectionString: database.url })
    await client.connect()
    const applied = await client.query('SELECT name FROM platform.schema_migrations ORDER BY name')
    expect(applied.rows.map((row) => row.name).slice(0, 2)).toEqual([
      '001_create_platform_schema.sql',
      '002_add_multi_database_support.sql',
    ])
    const tables = await client.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'platform' ORDER BY table_name`
    )
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['audit_log', 'credentials', 'database_connections', 'members', 'organization_members', 'organizations', 'projects'])
    )
    const enumValues = await client.query(`SELECT unnest(enum_range(NULL::platform.database_type))::text AS value`)
    expect(enumValues.rows.map((row) => row.value)).toEqual(['postgres', 'redis', 'mongodb'])
    await client.end()
  })

  it('is idempotent: a second run applies nothing and changes nothing', async () => {
    const { stdout } = await migrate()
    expect(stdout.trim()).toBe('no pending migrations')
    const client = new Client({ connectionString: database.url })
    await client.connect()
    const count = await client.query('SELECT count(*)::int AS n FROM platform.schema_migrations')
    await client.end()
    const { stdout: third } = await migrate()
    expect(third.trim()).toBe('no pending migrations')
    expect(count.rows[0].n).toBeGreaterThanOrEqual(2)
  })
})
