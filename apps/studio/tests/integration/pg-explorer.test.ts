import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf } from '../helpers/api'
import { addConnection, createProject, type TestProject, type TestUser } from '../helpers/fixtures'
import { createReadOnlyRole, createTestDatabase, dropTestDatabase, dropTestRole, FIXTURE_SQL, withAdminClient } from '../helpers/pg-fixture'

const database = `mbtest_pg_explorer_${randomUUID().replace(/-/g, '').slice(0, 10)}`
let project: TestProject
let readOnlyRole: { username: string; password: string } | undefined
let base: string
let ids: Record<string, number>

const ORDER_COUNT = 30
const orderId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

const rows = (user: TestUser, table: string, params: Array<[string, string]> = []) => {
  const search = new URLSearchParams(params).toString()
  return user.request('GET', `${base}/tables/${ids[table]}/rows${search ? `?${search}` : ''}`)
}
const rowPath = (table: string, pk?: Record<string, unknown>) =>
  `${base}/tables/${ids[table]}/row${pk ? `?${new URLSearchParams({ pk: JSON.stringify(pk) })}` : ''}`

const admin = <T = any>(text: string, values: unknown[] = []) =>
  withAdminClient(database, async (client) => (await client.query(text, values)).rows as T[])

beforeAll(async () => {
  await createTestDatabase(database)
  await withAdminClient(database, async (client) => {
    await client.query(FIXTURE_SQL)
    await client.query(`CREATE TABLE public."we""ird table" ("col""x" text PRIMARY KEY, "Mixed Case" int)`)
    await client.query(`INSERT INTO public."we""ird table" VALUES ('a"b', 1), ('plain', 2)`)
    await client.query(`INSERT INTO shop.customers (email, name, age) SELECT 'c' || n || '@example.com', 'Customer ' || n, 20 + n FROM generate_series(1, 3) n`)
    // 30 orders: totals 10..300, every third paid, some with meta, tags by parity.
    await client.query(
      `INSERT INTO shop.orders (id, customer_id, status, total, tags, meta, placed_at)
       SELECT ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 1 + n % 3,
              CASE WHEN n % 3 = 0 THEN 'paid' ELSE 'pending' END::shop.order_status,
              n * 10, CASE WHEN n % 2 = 0 THEN ARRAY['even'] ELSE ARRAY['odd'] END,
              CASE WHEN n <= 5 THEN jsonb_build_object('n', n) END,
              '2024-01-01 00:00:00+00'::timestamptz + n * interval '1 day'
       FROM generate_series(1, ${ORDER_COUNT}) n`
    )
    await client.query(`INSERT INTO audit.events (message) VALUES ('no key here')`)
  })
  const found = await admin<{ name: string; oid: string }>(
    `SELECT name, oid::int8 AS oid FROM (VALUES ('customers', 'shop.customers'::regclass::oid), ('orders', 'shop.orders'::regclass::oid),
       ('order_lines', 'shop.order_lines'::regclass::oid), ('events', 'audit.events'::regclass::oid),
       ('paid_orders', 'shop.paid_orders'::regclass::oid), ('weird', 'public."we""ird table"'::regclass::oid)) AS v(name, oid)`
  )
  ids = Object.fromEntries(found.map((row) => [row.name, Number(row.oid)]))
  project = await createProject()
  // read_only members' SQL and row reads run under the connection's read-only login.
  readOnlyRole = await createReadOnlyRole()
  await addConnection(project, 'postgres', {
    options: { database },
    readOnlyUsername: readOnlyRole.username,
    readOnlyPassword: readOnlyRole.password,
  })
  base = `/api/platform/pg-meta/${project.ref}`
})

afterAll(async () => {
  await dropTestDatabase(database)
  if (readOnlyRole) await dropTestRole(readOnlyRole.username)
})

describe('table explorer: rows', () => {
  it('pages through rows in primary key order with an exact total', async () => {
    const first = await rows(project.owner, 'orders', [['limit', '10']])
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ limit: 10, offset: 0, total: ORDER_COUNT, total_is_estimate: false, primary_keys: ['id'] })
    expect(first.body.rows.map((row: any) => row.id)).toEqual(Array.from({ length: 10 }, (_, index) => orderId(index + 1)))
    expect(first.body.columns.map((column: any) => [column.name, column.type])).toEqual([
      ['id', 'uuid'],
      ['customer_id', 'bigint'],
      ['status', 'shop.order_status'],
      ['total', 'numeric(10,2)'],
      ['tags', 'text[]'],
      ['meta', 'jsonb'],
      ['raw', 'json'],
      ['payload', 'bytea'],
      ['placed_at', 'timestamp with time zone'],
    ])
    const last = await rows(project.owner, 'orders', [['limit', '10'], ['offset', '25']])
    expect(last.body.rows.map((row: any) => row.id)).toEqual([26, 27, 28, 29, 30].map(orderId))

    const tooMany = await rows(project.owner, 'orders', [['limit', '5000']])
    expect(tooMany.status).toBe(400)
    expect(errorOf(tooMany).code).toBe('VALIDATION_ERROR')
  })

  it('sorts by one or several columns', async () => {
    const byTotal = await rows(project.owner, 'orders', [['sort', 'total:desc'], ['limit', '3']])
    expect(byTotal.body.rows.map((row: any) => row.total)).toEqual(['300.00', '290.00', '280.00'])
    const byStatus = await rows(project.owner, 'orders', [['sort', 'status:desc,total:asc'], ['limit', '2']])
    // enum order: pending < paid < shipped, so desc puts paid before pending
    expect(byStatus.body.rows.map((row: any) => [row.status, row.total])).toEqual([
      ['paid', '30.00'],
      ['paid', '60.00'],
    ])
  })

  it('filters with every operator, all filters applying together', async () => {
    const check = async (filters: string[], expected: number[]) => {
      const response = await rows(project.owner, 'orders', [...filters.map((filter): [string, string] => ['filter', filter]), ['limit', '100']])
      expect(response.status, JSON.stringify(response.body)).toBe(200)
      expect(response.body.rows.map((row: any) => row.id)).toEqual(expected.map(orderId))
      expect(response.body.total).toBe(expected.length)
    }
    await check(['total:eq:50'], [5])
    await check(['total:gte:280'], [28, 29, 30])
    await check(['total:gt:280'], [29, 30])
    await check(['total:lt:30'], [1, 2])
    await check(['total:lte:30', 'status:neq:paid'], [1, 2])
    await check(['status:eq:paid', 'total:lte:90'], [3, 6, 9])
    await check(['meta:is:not_null', 'total:gt:30'], [4, 5])
    await check(['meta:is:null', 'total:lte:70'], [6, 7])
    await check(['id:in:["' + orderId(7) + '","' + orderId(8) + '"]'], [7, 8])
    await check(['total:in:[10,20]'], [1, 2])
    await check(['id:like:%000000000012'], [12])
    await check(['status:ilike:PAI%', 'total:lte:60'], [3, 6])
    await check(['tags:eq:{even}', 'total:lte:40'], [2, 4])
    await check(['placed_at:lt:2024-01-03 12:00:00+00'], [1, 2])
    await check(['meta:eq:{"n": 3}'], [3])
  })

  it('treats a filter value as a value, never as SQL', async () => {
    const response = await rows(project.owner, 'customers', [['filter', "name:eq:x' OR '1'='1"]])
    expect(response.status).toBe(200)
    expect(response.body.rows).toEqual([])
    expect(response.body.total).toBe(0)
  })

  it('quotes identifiers: a table and columns with quotes, spaces and capitals', async () => {
    const response = await rows(project.owner, 'weird', [['filter', 'col"x:eq:a"b'], ['sort', 'Mixed Case:desc']])
    expect(response.status).toBe(200)
    expect(response.body.rows).toEqual([{ 'col"x': 'a"b', 'Mixed Case': 1 }])
    const row = await project.owner.request('GET', rowPath('weird', { 'col"x': 'plain' }))
    expect(row.body.row).toEqual({ 'col"x': 'plain', 'Mixed Case': 2 })
  })

  it('lists rows of views and tables without a primary key too', async () => {
    const view = await rows(project.owner, 'paid_orders', [['sort', 'total:asc'], ['limit', '2']])
    expect(view.status).toBe(200)
    expect(view.body.rows).toEqual([
      { id: orderId(3), customer_id: '1', total: '30.00' },
      { id: orderId(6), customer_id: '1', total: '60.00' },
    ])
    expect(view.body.primary_keys).toEqual([])
    const events = await rows(project.owner, 'events', [['filter', 'message:eq:no key here']])
    expect(events.status).toBe(200)
    expect(events.body.rows).toHaveLength(1)
  })

  it('answers bad explorer input with the error body', async () => {
    const unknownColumn = await rows(project.owner, 'orders', [['filter', 'colour:eq:red']])
    expect(unknownColumn.status).toBe(400)
    const error = errorOf(unknownColumn)
    expect(error.code).toBe('UNKNOWN_COLUMN')
    expect(error.details).toMatchObject({ column: 'colour' })

    const unknownSort = await rows(project.owner, 'orders', [['sort', 'colour:asc']])
    expect(errorOf(unknownSort).code).toBe('UNKNOWN_COLUMN')

    const badOperator = await rows(project.owner, 'orders', [['filter', 'total:between:1']])
    expect(badOperator.status).toBe(400)
    expect(errorOf(badOperator).code).toBe('VALIDATION_ERROR')

    const badIn = await rows(project.owner, 'orders', [['filter', 'total:in:1,2']])
    expect(badIn.status).toBe(400)

    const wrongType = await rows(project.owner, 'orders', [['filter', 'total:gt:lots']])
    expect(wrongType.status).toBe(400)
    expect(errorOf(wrongType)).toMatchObject({ code: 'INVALID_VALUE', details: { pgCode: '22P02' } })

    const unknownTable = await project.owner.request('GET', `${base}/tables/4000000000/rows`)
    expect(unknownTable.status).toBe(404)
    expect(errorOf(unknownTable).code).toBe('TABLE_NOT_FOUND')
  })
})

describe('table explorer: single rows', () => {
  it('creates, reads, updates and deletes a row with a uuid key and text, numeric, json, jsonb, bytea, array and timestamp values', async () => {
    const id = randomUUID()
    const created = await project.owner.request('POST', rowPath('orders'), {
      values: {
        id,
        customer_id: 2,
        status: 'shipped',
        total: '1234.5',
        tags: ['gift', 'with, comma', 'quote"d'],
        meta: { nested: { ok: true }, list: [1, 'two'] },
        raw: [1, 2, 3],
        payload: '\\xdeadbeef',
        placed_at: '2024-06-01T12:30:00Z',
      },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const expected = {
      id,
      customer_id: '2',
      status: 'shipped',
      total: '1234.50',
      tags: ['gift', 'with, comma', 'quote"d'],
      meta: { nested: { ok: true }, list: [1, 'two'] },
      raw: [1, 2, 3],
      payload: '\\xdeadbeef',
      placed_at: expect.any(String),
    }
    expect(created.body.row).toEqual(expected)
    // Postgres' own text of the timestamp, in the session's time zone.
    const [{ text }] = await admin(`SELECT placed_at::text AS text FROM shop.orders WHERE id = $1`, [id])
    expect(created.body.row.placed_at).toBe(text)

    const stored = await admin(
      `SELECT total::text, tags, meta, raw::text, encode(payload, 'hex') AS payload, extract(epoch FROM placed_at)::int AS epoch FROM shop.orders WHERE id = $1`,
      [id]
    )
    expect(stored).toEqual([
      {
        total: '1234.50',
        tags: ['gift', 'with, comma', 'quote"d'],
        meta: { nested: { ok: true }, list: [1, 'two'] },
        raw: '[1,2,3]',
        payload: 'deadbeef',
        epoch: Date.UTC(2024, 5, 1, 12, 30) / 1000,
      },
    ])

    const read = await project.owner.request('GET', rowPath('orders', { id }))
    expect(read.status).toBe(200)
    expect(read.body.row).toEqual(expected)

    const updated = await project.owner.request('PUT', rowPath('orders', { id }), {
      values: { total: 99.99, meta: null, tags: [], raw: { replaced: 'yes' } },
    })
    expect(updated.status).toBe(200)
    expect(updated.body.row).toMatchObject({ id, total: '99.99', meta: null, tags: [], raw: { replaced: 'yes' } })

    const deleted = await project.owner.request('DELETE', rowPath('orders', { id }))
    expect(deleted.status).toBe(200)
    expect(deleted.body.row.id).toBe(id)
    expect(await admin('SELECT 1 FROM shop.orders WHERE id = $1', [id])).toEqual([])

    const gone = await project.owner.request('GET', rowPath('orders', { id }))
    expect(gone.status).toBe(404)
    expect(errorOf(gone).code).toBe('ROW_NOT_FOUND')
  })

  it('addresses rows of a composite primary key by every key column', async () => {
    const order = orderId(1)
    const created = await project.owner.request('POST', rowPath('order_lines'), { values: { order_id: order, line_no: 1, sku: 'SKU-1' } })
    expect(created.status).toBe(201)
    expect(created.body.row).toEqual({ order_id: order, line_no: 1, sku: 'SKU-1', quantity: 1 })
    await project.owner.request('POST', rowPath('order_lines'), { values: { order_id: order, line_no: 2, sku: 'SKU-2', quantity: 5 } })

    const updated = await project.owner.request('PUT', rowPath('order_lines', { order_id: order, line_no: 2 }), { values: { quantity: 7 } })
    expect(updated.status).toBe(200)
    expect(updated.body.row).toEqual({ order_id: order, line_no: 2, sku: 'SKU-2', quantity: 7 })
    expect(await admin('SELECT line_no, quantity FROM shop.order_lines ORDER BY line_no')).toEqual([
      { line_no: 1, quantity: 1 },
      { line_no: 2, quantity: 7 },
    ])

    const partialKey = await project.owner.request('GET', rowPath('order_lines', { order_id: order }))
    expect(partialKey.status).toBe(400)
    expect(errorOf(partialKey)).toMatchObject({ code: 'INVALID_PRIMARY_KEY', details: { missing: ['line_no'] } })

    const deleted = await project.owner.request('DELETE', rowPath('order_lines', { order_id: order, line_no: 1 }))
    expect(deleted.status).toBe(200)
    expect(await admin('SELECT line_no FROM shop.order_lines')).toEqual([{ line_no: 2 }])

    const duplicate = await project.owner.request('POST', rowPath('order_lines'), { values: { order_id: order, line_no: 2, sku: 'again' } })
    expect(duplicate.status).toBe(409)
    expect(errorOf(duplicate).code).toBe('DUPLICATE_KEY')
  })

  it('inserts with defaults and identity columns, and returns timestamps as Postgres writes them', async () => {
    const created = await project.owner.request('POST', rowPath('customers'), { values: { email: 'New@Example.com', name: 'New' } })
    expect(created.status).toBe(201)
    expect(created.body.row).toMatchObject({ email: 'New@Example.com', name: 'New', age: null, created_at: '2024-01-01 00:00:00' })
    expect(created.body.row.id).toMatch(/^\d+$/)
    const updated = await project.owner.request('PUT', rowPath('customers', { id: created.body.row.id }), {
      values: { created_at: '2025-02-03 04:05:06.789' },
    })
    expect(updated.body.row.created_at).toBe('2025-02-03 04:05:06.789')
  })

  it('refuses bad row input and writes nothing', async () => {
    const snapshot = () => admin('SELECT id, total::text, status::text, meta FROM shop.orders ORDER BY id')
    const before = await snapshot()
    const target = orderId(10)

    const noMatch = await project.owner.request('PUT', rowPath('orders', { id: randomUUID() }), { values: { total: 1 } })
    expect(noMatch.status).toBe(404)
    expect(errorOf(noMatch).code).toBe('ROW_NOT_FOUND')

    const wrongType = await project.owner.request('PUT', rowPath('orders', { id: target }), { values: { total: 'a lot', status: 'paid' } })
    expect(wrongType.status).toBe(400)
    expect(errorOf(wrongType)).toMatchObject({ code: 'INVALID_VALUE', details: { pgCode: '22P02' } })

    const badEnum = await project.owner.request('PUT', rowPath('orders', { id: target }), { values: { status: 'lost' } })
    expect(badEnum.status).toBe(400)
    expect(errorOf(badEnum).code).toBe('INVALID_VALUE')

    const badUuid = await project.owner.request('GET', rowPath('orders', { id: 'not-a-uuid' }))
    expect(badUuid.status).toBe(400)
    expect(errorOf(badUuid).code).toBe('INVALID_VALUE')

    const unknownColumn = await project.owner.request('PUT', rowPath('orders', { id: target }), { values: { total: 1, colour: 'red' } })
    expect(unknownColumn.status).toBe(400)
    expect(errorOf(unknownColumn)).toMatchObject({ code: 'UNKNOWN_COLUMN', details: { column: 'colour' } })

    const insertUnknown = await project.owner.request('POST', rowPath('orders'), { values: { id: randomUUID(), colour: 'red' } })
    expect(errorOf(insertUnknown).code).toBe('UNKNOWN_COLUMN')

    const notNull = await project.owner.request('POST', rowPath('orders'), { values: { id: randomUUID(), customer_id: 1 } })
    expect(notNull.status).toBe(409)
    expect(errorOf(notNull)).toMatchObject({ code: 'CONSTRAINT_VIOLATION', details: { pgCode: '23502', column: 'total' } })

    const noValues = await project.owner.request('PUT', rowPath('orders', { id: target }), { values: {} })
    expect(errorOf(noValues).code).toBe('NO_VALUES')

    const badPk = await project.owner.request('GET', `${base}/tables/${ids.orders}/row?pk=not-json`)
    expect(badPk.status).toBe(400)
    expect(errorOf(badPk).code).toBe('VALIDATION_ERROR')

    const extraKey = await project.owner.request('DELETE', rowPath('orders', { id: target, total: 100 }))
    expect(errorOf(extraKey)).toMatchObject({ code: 'INVALID_PRIMARY_KEY', details: { extra: ['total'] } })

    const unknownTable = await project.owner.request('PUT', `${base}/tables/4000000000/row?pk=${encodeURIComponent('{"id":1}')}`, { values: { a: 1 } })
    expect(unknownTable.status).toBe(404)
    expect(errorOf(unknownTable).code).toBe('TABLE_NOT_FOUND')

    expect(await snapshot()).toEqual(before)
  })

  it('treats a table without a primary key, and a view, as read-only', async () => {
    const before = await admin('SELECT count(*)::int AS n FROM audit.events')
    const insert = await project.owner.request('POST', rowPath('events'), { values: { message: 'x' } })
    expect(insert.status).toBe(409)
    const error = errorOf(insert)
    expect(error.code).toBe('NO_PRIMARY_KEY')
    expect(error.message).toContain('has no primary key')
    const remove = await project.owner.request('DELETE', rowPath('events', { message: 'no key here' }))
    expect(errorOf(remove).code).toBe('NO_PRIMARY_KEY')
    const view = await project.owner.request('POST', rowPath('paid_orders'), { values: { total: 1 } })
    expect(view.status).toBe(409)
    expect(errorOf(view).code).toBe('NOT_A_TABLE')
    expect(await admin('SELECT count(*)::int AS n FROM audit.events')).toEqual(before)
  })

  it('lets a read_only member read rows but not change them', async () => {
    const reader = await project.member('read_only')
    expect((await rows(reader, 'orders', [['limit', '1']])).status).toBe(200)
    expect((await reader.request('GET', rowPath('orders', { id: orderId(1) }))).status).toBe(200)
    const refused = await reader.request('DELETE', rowPath('orders', { id: orderId(1) }))
    expect(refused.status).toBe(403)
    errorOf(refused)
    expect(await admin('SELECT 1 AS present FROM shop.orders WHERE id = $1', [orderId(1)])).toEqual([{ present: 1 }])
  })
})
