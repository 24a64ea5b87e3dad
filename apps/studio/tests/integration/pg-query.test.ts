import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf } from '../helpers/api'
import { addConnection, createProject, type TestProject, type TestUser } from '../helpers/fixtures'
import { createReadOnlyRole, createTestDatabase, dropTestDatabase, dropTestRole, FIXTURE_SQL, withAdminClient } from '../helpers/pg-fixture'

const database = `mbtest_pg_query_${randomUUID().replace(/-/g, '').slice(0, 10)}`
let project: TestProject
let readOnlyRole: { username: string; password: string } | undefined
let path: string

const sql = (user: TestUser, query: string, extra: Record<string, unknown> = {}) => user.request('POST', path, { query, ...extra })
const countCustomers = () =>
  withAdminClient(database, async (client) => Number((await client.query('SELECT count(*) AS n FROM shop.customers')).rows[0].n))

beforeAll(async () => {
  await createTestDatabase(database)
  await withAdminClient(database, (client) => client.query(FIXTURE_SQL))
  project = await createProject()
  // read_only members' SQL and row reads run under the connection's read-only login.
  readOnlyRole = await createReadOnlyRole()
  await addConnection(project, 'postgres', {
    options: { database },
    readOnlyUsername: readOnlyRole.username,
    readOnlyPassword: readOnlyRole.password,
  })
  path = `/api/platform/pg-meta/${project.ref}/query`
})

afterAll(async () => {
  await dropTestDatabase(database)
  if (readOnlyRole) await dropTestRole(readOnlyRole.username)
})

describe('POST query', () => {
  it('returns rows, fields with type names, row count and command tag', async () => {
    const response = await sql(
      project.owner,
      `SELECT 1::int AS small, 9007199254740993::int8 AS big, 12.50::numeric(6,2) AS price, 'x'::text AS label,
              '{"a":[1,2]}'::jsonb AS doc, ARRAY['a','b'] AS tags, '\\xdeadbeef'::bytea AS bin,
              '2024-05-01 10:00:00'::timestamp AS at, 'paid'::shop.order_status AS status, true AS flag, NULL::uuid AS nothing`
    )
    expect(response.status).toBe(200)
    expect(response.body.rows).toEqual([
      {
        small: 1,
        big: '9007199254740993',
        price: '12.50',
        label: 'x',
        doc: { a: [1, 2] },
        tags: ['a', 'b'],
        bin: '\\xdeadbeef',
        at: '2024-05-01 10:00:00',
        status: 'paid',
        flag: true,
        nothing: null,
      },
    ])
    expect(response.body.fields.map((field: any) => [field.name, field.type])).toEqual([
      ['small', 'integer'],
      ['big', 'bigint'],
      ['price', 'numeric'],
      ['label', 'text'],
      ['doc', 'jsonb'],
      ['tags', 'text[]'],
      ['bin', 'bytea'],
      ['at', 'timestamp without time zone'],
      ['status', 'shop.order_status'],
      ['flag', 'boolean'],
      ['nothing', 'uuid'],
    ])
    expect(response.body.fields[0].dataTypeID).toBe(23)
    expect(response.body).toMatchObject({ rowCount: 1, command: 'SELECT', truncated: false, readOnly: false })
    expect(response.body.limits).toMatchObject({ maxRows: 10000, maxBytes: 10485760, timeoutMs: 15000 })
  })

  it('runs writes for a developer and reports the command tag; a script returns its last result', async () => {
    const developer = await project.member('developer')
    const insert = await sql(developer, `INSERT INTO shop.customers (email, name) VALUES ('dev@example.com', 'Dev'), ('dev2@example.com', 'Dev 2')`)
    expect(insert.status).toBe(200)
    expect(insert.body).toMatchObject({ command: 'INSERT', rowCount: 2, rows: [], fields: [] })

    const script = await sql(developer, `CREATE TABLE public.scratch (n int); INSERT INTO public.scratch VALUES (1), (2); SELECT n FROM public.scratch ORDER BY n`)
    expect(script.status).toBe(200)
    expect(script.body).toMatchObject({ command: 'SELECT', rowCount: 2, rows: [{ n: 1 }, { n: 2 }] })
  })

  it('keeps Postgres error message, code, position, hint and a formattedError', async () => {
    const syntax = await sql(project.owner, 'SELECT 1,\n  FROM nowhere WHERE')
    expect(syntax.status).toBe(400)
    const error = errorOf(syntax)
    expect(error.code).toBe('QUERY_ERROR')
    expect(error.message).toBe('syntax error at or near "FROM"')
    expect(error.details).toMatchObject({ pgCode: '42601', position: 13 })
    expect(error.details.formattedError).toBe('ERROR:  42601: syntax error at or near "FROM"\nLINE 2:   FROM nowhere WHERE\n          ^')

    const hinted = await sql(project.owner, 'SELECT nam FROM shop.customers')
    const hintError = errorOf(hinted)
    expect(hinted.status).toBe(400)
    expect(hintError.details).toMatchObject({ pgCode: '42703', position: 8 })
    expect(hintError.details.hint).toContain('name')
    expect(hintError.details.formattedError).toContain('HINT:  ')
  })

  it('cancels a statement at its timeout on the server: 504 and no longer in pg_stat_activity', async () => {
    const marker = `sleep_marker_${randomUUID().replace(/-/g, '')}`
    const started = Date.now()
    const response = await sql(project.owner, `SELECT pg_sleep(30) AS ${marker}`, { timeoutMs: 500 })
    expect(response.status).toBe(504)
    const error = errorOf(response)
    expect(error.code).toBe('QUERY_TIMEOUT')
    expect(error.details.pgCode).toBe('57014')
    expect(Date.now() - started).toBeLessThan(20_000)
    const active = await withAdminClient(database, async (client) =>
      (await client.query(`SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()`, [`%${marker}%`])).rows
    )
    expect(active).toEqual([])
    // The pooled connection is usable afterwards, and the next request runs with its own (default) timeout.
    const after = await sql(project.owner, 'SHOW statement_timeout')
    expect(after.status).toBe(200)
    expect(after.body.rows).toEqual([{ statement_timeout: '15s' }])
  })

  it('refuses a timeout above the server cap', async () => {
    const response = await sql(project.owner, 'SELECT 1', { timeoutMs: 3_600_000 })
    expect(response.status).toBe(400)
    expect(errorOf(response).code).toBe('TIMEOUT_ABOVE_LIMIT')
  })

  it('does not let session changes reach the next request on a pooled connection', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await sql(project.owner, "SET search_path TO shop; SET application_name = 'changed'; BEGIN; SELECT 1")).status).toBe(200)
    }
    const shown = await sql(project.owner, "SELECT current_setting('search_path') AS path, current_setting('application_name') AS app, now() = statement_timestamp() AS fresh_transaction")
    expect(shown.body.rows).toEqual([{ path: '"$user", public', app: 'multibase-studio', fresh_transaction: true }])
  })

  it('cuts results over the row and byte caps and says so', async () => {
    const rows = await sql(project.owner, 'SELECT n FROM generate_series(1, 25000) AS n')
    expect(rows.status).toBe(200)
    expect(rows.body).toMatchObject({ truncated: true, truncatedReason: 'max_rows', rowCount: 25000 })
    expect(rows.body.rows).toHaveLength(10000)
    expect(rows.body.rows[9999]).toEqual({ n: 10000 })

    const bytes = await sql(project.owner, "SELECT n, repeat('x', 1000000) AS blob FROM generate_series(1, 20) AS n")
    expect(bytes.status).toBe(200)
    expect(bytes.body).toMatchObject({ truncated: true, truncatedReason: 'max_bytes', rowCount: 20 })
    expect(bytes.body.rows.length).toBeGreaterThan(0)
    expect(bytes.body.rows.length).toBeLessThan(20)
  })

  it("runs a read_only member's SQL in a READ ONLY transaction: reads work, writes are refused, nothing is written", async () => {
    const reader = await project.member('read_only')
    const before = await countCustomers()

    const read = await sql(reader, 'SELECT count(*)::int AS n FROM shop.customers')
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ readOnly: true, rows: [{ n: before }] })

    const insert = await sql(reader, "INSERT INTO shop.customers (email, name) VALUES ('ro@example.com', 'RO')")
    expect(insert.status).toBe(400)
    const error = errorOf(insert)
    expect(error.details.pgCode).toBe('25006')
    expect(error.message).toBe('cannot execute INSERT in a read-only transaction')

    // Ending the transaction first does not help: one statement per request for read-only members.
    const escape = await sql(reader, "COMMIT; INSERT INTO shop.customers (email, name) VALUES ('ro2@example.com', 'RO2')")
    expect(escape.status).toBe(400)
    expect(errorOf(escape).details.pgCode).toBe('42601')

    const switched = await sql(reader, "SELECT set_config('transaction_read_only', 'off', false)")
    expect(switched.status).toBe(400)

    const sequence = await sql(reader, "SELECT nextval('shop.customers_id_seq')")
    expect(sequence.status).toBe(400)
    // The read-only login has no USAGE on the sequence, so its privilege check refuses before READ ONLY would.
    expect(errorOf(sequence).details.pgCode).toBe('42501')

    expect(await countCustomers()).toBe(before)
  })

  it('validates the body', async () => {
    const empty = await sql(project.owner, '')
    expect(empty.status).toBe(400)
    expect(errorOf(empty).code).toBe('VALIDATION_ERROR')
    const extra = await project.owner.request('POST', path, { query: 'SELECT 1', params: [1] })
    expect(extra.status).toBe(400)
  })
})
