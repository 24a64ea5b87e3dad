import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { errorOf } from '../helpers/api'
import { addConnection, createProject, type TestProject, type TestUser } from '../helpers/fixtures'
import {
  createReadOnlyRole,
  createTestDatabase,
  createTestRole,
  dropTestDatabase,
  dropTestRole,
  FIXTURE_SQL,
  withAdminClient,
} from '../helpers/pg-fixture'
import { postgresUrlFor } from '../helpers/services'

/**
 * The connection's MAIN login is `postgres`, a superuser: inside `BEGIN READ ONLY` alone it could
 * still run programs, write files and kill sessions. read_only members must run under the
 * connection's read-only login, which the database itself stops.
 */
const suffix = randomUUID().replace(/-/g, '').slice(0, 10)
const database = `mbtest_pg_ro_${suffix}`
const roles: string[] = []
let readOnlyRole: { username: string; password: string }
let project: TestProject
let connectionId: string
let reader: TestUser
let developer: TestUser
let platformDb: Client

const queryPath = () => `/api/platform/pg-meta/${project.ref}/query`
const connectionsPath = (ref: string) => `/api/platform/postgres/${ref}/connections`
const sql = (user: TestUser, query: string) => user.request('POST', queryPath(), { query })
const admin = <T = any>(text: string, values: unknown[] = []) =>
  withAdminClient(database, async (client) => (await client.query(text, values)).rows as T[])
const customerEmails = async () => (await admin<{ email: string }>('SELECT email::text FROM shop.customers ORDER BY email')).map((row) => row.email)

async function newRole(grants: string[]) {
  const role = await createTestRole(grants)
  roles.push(role.username)
  return role
}

beforeAll(async () => {
  await createTestDatabase(database)
  await admin(FIXTURE_SQL)
  await admin('CREATE EXTENSION dblink')
  readOnlyRole = await createReadOnlyRole()
  roles.push(readOnlyRole.username)
  project = await createProject()
  const connection = await addConnection(project, 'postgres', {
    options: { database },
    readOnlyUsername: readOnlyRole.username,
    readOnlyPassword: readOnlyRole.password,
  })
  connectionId = connection.id
  reader = await project.member('read_only')
  developer = await project.member('developer')
  platformDb = new Client({ connectionString: inject('platformDatabaseUrl') })
  await platformDb.connect()
})

afterAll(async () => {
  await platformDb?.end()
  await dropTestDatabase(database)
  for (const role of roles) await dropTestRole(role)
})

describe('read_only SQL runs under the read-only login', () => {
  it('uses the read-only login for read_only members and the (superuser) main login for the others', async () => {
    const [main] = await admin<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = 'postgres'")
    expect(main.rolsuper).toBe(true)
    const asReader = await sql(reader, 'SELECT current_user AS who, count(*)::int AS n FROM shop.customers')
    expect(asReader.status).toBe(200)
    expect(asReader.body).toMatchObject({ readOnly: true, rows: [{ who: readOnlyRole.username, n: 0 }] })
    const asDeveloper = await sql(developer, 'SELECT current_user AS who')
    expect(asDeveloper.body.rows).toEqual([{ who: 'postgres' }])
  })

  it('refuses COPY TO PROGRAM: no program runs, no row is inserted', async () => {
    const marker = path.join(tmpdir(), `mbtest-ro-program-${suffix}`)
    const insert = `INSERT INTO shop.customers (email, name) VALUES ('program@example.com', 'P')`
    const command = `touch ${marker}; psql -h 127.0.0.1 -U postgres -d ${database} -c "${insert}"`
    const response = await sql(reader, `COPY (SELECT 1) TO PROGRAM '${command.replaceAll("'", "''")}'`)
    expect(response.status).toBe(400)
    expect(errorOf(response).details.pgCode).toBe('42501')
    expect(existsSync(marker)).toBe(false)
    expect(await customerEmails()).not.toContain('program@example.com')
  })

  it('refuses COPY TO a server file: no file is created', async () => {
    const file = path.join(tmpdir(), `mbtest-ro-copy-${suffix}.csv`)
    const response = await sql(reader, `COPY shop.customers TO '${file}'`)
    expect(response.status).toBe(400)
    expect(errorOf(response).details.pgCode).toBe('42501')
    expect(existsSync(file)).toBe(false)
  })

  it('refuses dblink_exec back into the database: no row is inserted', async () => {
    const target = `host=127.0.0.1 port=5432 dbname=${database} user=postgres`
    const response = await sql(
      reader,
      `SELECT dblink_exec('${target}', 'INSERT INTO shop.customers (email, name) VALUES (''dblink@example.com'', ''D'')')`
    )
    expect(response.status).toBe(400)
    expect(errorOf(response).message).toContain('password is required')
    expect(await customerEmails()).not.toContain('dblink@example.com')
  })

  it('refuses pg_terminate_backend: the session stays alive', async () => {
    const victim = new Client({ connectionString: postgresUrlFor(database) })
    await victim.connect()
    try {
      const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid
      const response = await sql(reader, `SELECT pg_terminate_backend(${pid})`)
      expect(response.status).toBe(400)
      expect(errorOf(response).details.pgCode).toBe('42501')
      expect((await victim.query('SELECT 1 AS alive')).rows).toEqual([{ alive: 1 }])
    } finally {
      await victim.end()
    }
  })

  it('refuses pg_read_file: the file is not read', async () => {
    const response = await sql(reader, "SELECT pg_read_file('/etc/hostname') AS content")
    expect(response.status).toBe(400)
    expect(errorOf(response).details.pgCode).toBe('42501')
    expect(JSON.stringify(response.body)).not.toContain(readFileSync('/etc/hostname', 'utf8').trim())
  })

  it('refuses pg_reload_conf: the configuration is not reloaded', async () => {
    const loadedAt = async () => (await admin<{ at: string }>('SELECT pg_conf_load_time()::text AS at'))[0].at
    const before = await loadedAt()
    const response = await sql(reader, 'SELECT pg_reload_conf()')
    expect(response.status).toBe(400)
    expect(errorOf(response).details.pgCode).toBe('42501')
    expect(await loadedAt()).toBe(before)
  })

  it('refuses CHECKPOINT', async () => {
    const response = await sql(reader, 'CHECKPOINT')
    expect(response.status).toBe(400)
    expect(errorOf(response).details.pgCode).toBe('42501')
  })

  it('refuses LOCK TABLE … ACCESS EXCLUSIVE (a superuser may take it even inside READ ONLY)', async () => {
    const response = await sql(reader, 'LOCK TABLE shop.customers IN ACCESS EXCLUSIVE MODE')
    expect(response.status).toBe(400)
    expect(errorOf(response).details.pgCode).toBe('42501')
    // The table is not left locked: a write from another session goes straight through.
    await admin("INSERT INTO shop.customers (email, name) VALUES ('after-lock@example.com', 'L')")
    expect(await customerEmails()).toEqual(['after-lock@example.com'])
  })

  it('reads rows under the read-only login too', async () => {
    const [table] = await admin<{ id: number }>("SELECT 'shop.customers'::regclass::oid::int AS id")
    const rows = await reader.request('GET', `/api/platform/pg-meta/${project.ref}/tables/${table.id}/rows?limit=5`)
    expect(rows.status).toBe(200)
    expect(JSON.stringify(rows.body)).toContain('after-lock@example.com')
  })
})

describe('a connection without a read-only login', () => {
  it('answers read_only SQL and row reads with 403 READ_ONLY_LOGIN_REQUIRED, and still serves the others', async () => {
    const other = await createProject()
    await addConnection(other, 'postgres', { options: { database } })
    const otherReader = await other.member('read_only')
    const refused = await otherReader.request('POST', `/api/platform/pg-meta/${other.ref}/query`, { query: 'SELECT 1' })
    expect(refused.status).toBe(403)
    const error = errorOf(refused)
    expect(error.code).toBe('READ_ONLY_LOGIN_REQUIRED')
    expect(error.message).toContain('GRANT pg_read_all_data')
    const [table] = await admin<{ id: number }>("SELECT 'shop.customers'::regclass::oid::int AS id")
    const rows = await otherReader.request('GET', `/api/platform/pg-meta/${other.ref}/tables/${table.id}/rows`)
    expect(rows.status).toBe(403)
    expect(errorOf(rows).code).toBe('READ_ONLY_LOGIN_REQUIRED')
    expect((await other.owner.request('POST', `/api/platform/pg-meta/${other.ref}/query`, { query: 'SELECT 1 AS n' })).status).toBe(200)
  })
})

describe('saving a read-only login', () => {
  const projectRows = async (ref: string) =>
    (
      await platformDb.query(
        `SELECT c.id, c.read_only_username, (SELECT count(*)::int FROM platform.credentials s WHERE s.owner_id = c.id) AS secrets
           FROM platform.database_connections c JOIN platform.projects p ON p.id = c.project_id WHERE p.ref = $1`,
        [ref]
      )
    ).rows

  async function refusedCreate(username: string, password?: string) {
    const fresh = await createProject()
    const response = await fresh.owner.request('POST', connectionsPath(fresh.ref), {
      identifier: 'pg',
      host: '127.0.0.1',
      port: 5432,
      username: 'postgres',
      options: { database },
      readOnlyUsername: username,
      ...(password ? { readOnlyPassword: password } : {}),
    })
    expect(response.status).toBe(400)
    const error = errorOf(response)
    expect(error.code).toBe('READ_ONLY_LOGIN_NOT_READ_ONLY')
    expect(await projectRows(fresh.ref)).toEqual([])
    if (password) expect(JSON.stringify(response.body)).not.toContain(password)
    return error.details.holds as Array<{ kind: string; name: string }>
  }

  it('refuses a superuser', async () => {
    expect(await refusedCreate('postgres')).toContainEqual({ kind: 'superuser', name: 'superuser' })
  })

  it('refuses a member of pg_write_server_files, also when inherited through another role', async () => {
    const direct = await newRole(['GRANT pg_read_all_data TO %I', 'GRANT pg_write_server_files TO %I'])
    expect(await refusedCreate(direct.username, direct.password)).toContainEqual({ kind: 'predefined_role', name: 'pg_write_server_files' })
    const group = await newRole(['GRANT pg_write_server_files TO %I'])
    const inherited = await newRole([`GRANT ${group.username} TO %I`])
    expect(await refusedCreate(inherited.username, inherited.password)).toContainEqual({ kind: 'predefined_role', name: 'pg_write_server_files' })
  })

  it('refuses a login with INSERT on one table', async () => {
    const writer = await newRole(['GRANT pg_read_all_data TO %I'])
    await admin(`GRANT USAGE ON SCHEMA shop TO ${writer.username}; GRANT INSERT ON shop.order_lines TO ${writer.username}`)
    expect(await refusedCreate(writer.username, writer.password)).toEqual([{ kind: 'table_privilege', name: 'shop.order_lines' }])
  })

  it('refuses switching a saved connection to a login that can write, and keeps the saved one', async () => {
    const writer = await newRole([])
    await admin(`GRANT CREATE ON SCHEMA audit TO ${writer.username}`)
    const before = await projectRows(project.ref)
    const response = await project.owner.request('PUT', `${connectionsPath(project.ref)}/${connectionId}`, {
      readOnlyUsername: writer.username,
      readOnlyPassword: writer.password,
    })
    expect(response.status).toBe(400)
    expect(errorOf(response).details.holds).toEqual([{ kind: 'schema_create', name: 'audit' }])
    expect(await projectRows(project.ref)).toEqual(before)
    expect(before).toEqual([{ id: connectionId, read_only_username: readOnlyRole.username, secrets: 1 }])
  })

  it('shows hasReadOnlyPassword and never a password; the test route reports the login', async () => {
    const listed = await project.owner.request('GET', connectionsPath(project.ref))
    const item = await project.owner.request('GET', `${connectionsPath(project.ref)}/${connectionId}`)
    expect(item.body).toMatchObject({ readOnlyUsername: readOnlyRole.username, hasReadOnlyPassword: true })
    const tested = await project.owner.request('POST', `${connectionsPath(project.ref)}/${connectionId}/test`)
    expect(tested.status).toBe(200)
    expect(tested.body.readOnlyLogin).toEqual({ username: readOnlyRole.username, readOnly: true, holds: [] })
    for (const response of [listed, item, tested]) {
      expect(JSON.stringify(response.body)).not.toContain(readOnlyRole.password)
      expect(JSON.stringify(response.body)).not.toMatch(/readOnlyPassword/)
    }
    // A privilege granted after saving shows up the next time the connection is tested.
    await admin(`GRANT DELETE ON shop.customers TO ${readOnlyRole.username}`)
    try {
      const retested = await project.owner.request('POST', `${connectionsPath(project.ref)}/${connectionId}/test`)
      expect(retested.body.readOnlyLogin).toMatchObject({ readOnly: false, holds: [{ kind: 'table_privilege', name: 'shop.customers' }] })
    } finally {
      await admin(`REVOKE DELETE ON shop.customers FROM ${readOnlyRole.username}`)
    }
  })
})

describe('a read-only login granted more after it was saved', () => {
  // A new pool (the row's version changed) opens new clients, and each is checked before use.
  const replacePools = () =>
    platformDb.query('UPDATE platform.database_connections SET updated_at = clock_timestamp() WHERE id = $1', [connectionId])

  it('is refused on the next new pooled connection, until the grant is revoked', async () => {
    await admin(`GRANT TRUNCATE ON shop.customers TO ${readOnlyRole.username}`)
    try {
      await replacePools()
      const refused = await sql(reader, 'TRUNCATE shop.customers')
      expect(refused.status).toBe(403)
      const error = errorOf(refused)
      expect(error.code).toBe('READ_ONLY_LOGIN_NOT_READ_ONLY')
      expect(error.message).toContain('shop.customers')
      expect(await customerEmails()).toEqual(['after-lock@example.com'])
    } finally {
      await admin(`REVOKE TRUNCATE ON shop.customers FROM ${readOnlyRole.username}`)
    }
    await replacePools()
    expect((await sql(reader, 'SELECT 1 AS n')).body.rows).toEqual([{ n: 1 }])
  })
})

describe('SQL audit', () => {
  it('records every run with the statement hash and length, row count and outcome, never the text', async () => {
    const marker = `audit_marker_${suffix}`
    const statement = `SELECT '${marker}' AS m, n FROM generate_series(1, 3) AS n`
    expect((await sql(reader, statement)).status).toBe(200)
    expect((await sql(developer, `SELECT ${marker}_missing_column`)).status).toBe(400)
    const { rows } = await platformDb.query(
      `SELECT a.user_id, a.status, a.target, a.details, row_to_json(a)::text AS whole
         FROM platform.audit_log a JOIN platform.projects p ON p.id = a.project_id
        WHERE p.ref = $1 AND a.action = 'POST /api/platform/pg-meta/[ref]/query' ORDER BY a.id DESC LIMIT 2`,
      [project.ref]
    )
    const [failed, succeeded] = rows
    expect(succeeded).toMatchObject({ user_id: reader.id, status: 200 })
    expect(succeeded.details).toEqual({
      connectionId,
      login: 'read_only',
      statementSha256: createHash('sha256').update(statement).digest('hex'),
      statementLength: Buffer.byteLength(statement),
      rowCount: 3,
      outcome: 'ok',
    })
    expect(failed).toMatchObject({ user_id: developer.id, status: 400 })
    expect(failed.details).toMatchObject({ login: 'main', outcome: 'error', errorCode: 'QUERY_ERROR', pgCode: '42703', rowCount: null })
    for (const row of rows) expect(row.whole).not.toContain(marker)
  })
})
