import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf } from '../helpers/api'
import { addConnection, createProject, type TestProject, type TestUser } from '../helpers/fixtures'
import { createTestDatabase, dropTestDatabase, FIXTURE_SQL, withAdminClient } from '../helpers/pg-fixture'

const database = `mbtest_pg_meta_${randomUUID().replace(/-/g, '').slice(0, 10)}`
let project: TestProject
let base: string
let oids: Record<string, number>

const get = (user: TestUser, path: string, params: Record<string, string> = {}) => {
  const search = new URLSearchParams(params).toString()
  return user.request('GET', `${base}/${path}${search ? `?${search}` : ''}`)
}

beforeAll(async () => {
  await createTestDatabase(database)
  await withAdminClient(database, (client) => client.query(FIXTURE_SQL))
  oids = await withAdminClient(database, async (client) => {
    const result = await client.query<{ name: string; oid: string }>(
      `SELECT name, oid::int8 AS oid FROM (VALUES
         ('customers', 'shop.customers'::regclass::oid), ('orders', 'shop.orders'::regclass::oid),
         ('order_lines', 'shop.order_lines'::regclass::oid), ('events', 'audit.events'::regclass::oid),
         ('paid_orders', 'shop.paid_orders'::regclass::oid), ('order_status', 'shop.order_status'::regtype::oid),
         ('fk', (SELECT oid FROM pg_constraint WHERE conname = 'orders_customer_id_fkey')),
         ('lines_fk', (SELECT oid FROM pg_constraint WHERE conname = 'order_lines_order_id_fkey')),
         ('policy', (SELECT oid FROM pg_policy WHERE polname = 'orders_owner')),
         ('trigger', (SELECT oid FROM pg_trigger WHERE tgname = 'orders_audit'))) AS v(name, oid)`
    )
    return Object.fromEntries(result.rows.map((row) => [row.name, Number(row.oid)]))
  })
  project = await createProject()
  await addConnection(project, 'postgres', { options: { database } })
  base = `/api/platform/pg-meta/${project.ref}`
})

afterAll(async () => {
  await dropTestDatabase(database)
})

const column = (table: string, tableId: number, position: number, fields: Record<string, unknown>) => ({
  table_id: tableId,
  schema: 'shop',
  table,
  id: `${tableId}.${position}`,
  ordinal_position: position,
  default_value: null,
  is_identity: false,
  identity_generation: null,
  is_generated: false,
  is_nullable: false,
  is_updatable: true,
  is_unique: false,
  check: null,
  enums: [],
  comment: null,
  ...fields,
})

describe('pg-meta catalog listings', () => {
  it('lists tables field by field, without columns when include_columns=false', async () => {
    const response = await get(project.owner, 'tables', { included_schemas: 'shop,audit', include_columns: 'false' })
    expect(response.status).toBe(200)
    expect(response.body.map((table: any) => `${table.schema}.${table.name}`)).toEqual([
      'audit.events',
      'shop.customers',
      'shop.order_lines',
      'shop.orders',
    ])
    const customers = response.body.find((table: any) => table.name === 'customers')
    expect(customers).toEqual({
      id: oids.customers,
      schema: 'shop',
      name: 'customers',
      rls_enabled: false,
      rls_forced: false,
      replica_identity: 'DEFAULT',
      bytes: expect.any(Number),
      size: expect.any(String),
      live_rows_estimate: 0,
      dead_rows_estimate: 0,
      comment: 'People who buy',
      primary_keys: [{ schema: 'shop', table_name: 'customers', name: 'id', table_id: oids.customers }],
      relationships: [
        {
          id: oids.fk,
          constraint_name: 'orders_customer_id_fkey',
          source_schema: 'shop',
          source_table_name: 'orders',
          source_column_name: 'customer_id',
          target_table_schema: 'shop',
          target_table_name: 'customers',
          target_column_name: 'id',
        },
      ],
    })
    expect(customers.bytes).toBeGreaterThan(0)
    const orders = response.body.find((table: any) => table.name === 'orders')
    expect(orders.rls_enabled).toBe(true)
    expect(orders.relationships.map((relation: any) => relation.constraint_name).sort()).toEqual([
      'order_lines_order_id_fkey',
      'orders_customer_id_fkey',
    ])
    const lines = response.body.find((table: any) => table.name === 'order_lines')
    expect(lines.primary_keys).toEqual([
      { schema: 'shop', table_name: 'order_lines', name: 'order_id', table_id: oids.order_lines },
      { schema: 'shop', table_name: 'order_lines', name: 'line_no', table_id: oids.order_lines },
    ])
    expect(response.body.find((table: any) => table.name === 'events').primary_keys).toEqual([])
  })

  it('includes columns by default (as pg-meta), with types, enums, identity, checks and comments', async () => {
    const response = await get(project.owner, 'tables', { included_schemas: 'shop' })
    expect(response.status).toBe(200)
    const customers = response.body.find((table: any) => table.name === 'customers')
    expect(customers.columns).toEqual([
      column('customers', oids.customers, 1, { name: 'id', data_type: 'bigint', format: 'int8', is_identity: true, identity_generation: 'ALWAYS' }),
      column('customers', oids.customers, 2, {
        name: 'email',
        data_type: 'USER-DEFINED',
        format: 'citext',
        is_unique: true,
        comment: 'Login address',
      }),
      column('customers', oids.customers, 3, { name: 'name', data_type: 'text', format: 'text' }),
      column('customers', oids.customers, 4, { name: 'age', data_type: 'integer', format: 'int4', is_nullable: true, check: 'age >= 0' }),
      column('customers', oids.customers, 5, {
        name: 'created_at',
        data_type: 'timestamp without time zone',
        format: 'timestamp',
        default_value: "'2024-01-01 00:00:00'::timestamp without time zone",
      }),
    ])
    const orders = response.body.find((table: any) => table.name === 'orders')
    const byName = Object.fromEntries(orders.columns.map((item: any) => [item.name, item]))
    expect(byName.status).toMatchObject({
      data_type: 'USER-DEFINED',
      format: 'order_status',
      enums: ['pending', 'paid', 'shipped'],
      default_value: "'pending'::shop.order_status",
    })
    expect(byName.tags).toMatchObject({ data_type: 'ARRAY', format: '_text', default_value: "'{}'::text[]" })
    expect(byName.meta).toMatchObject({ data_type: 'jsonb', format: 'jsonb', is_nullable: true })
    expect(byName.total).toMatchObject({ data_type: 'numeric', format: 'numeric' })
    expect(byName.payload).toMatchObject({ data_type: 'bytea', format: 'bytea' })
  })

  it('filters schemas as pg-meta: excluded_schemas, system schemas hidden unless asked, limit and offset', async () => {
    const excluded = await get(project.owner, 'tables', { excluded_schemas: 'shop', include_columns: 'false' })
    expect(excluded.body.map((table: any) => `${table.schema}.${table.name}`)).toEqual(['audit.events'])

    const system = await get(project.owner, 'tables', { include_system_schemas: 'true' })
    const schemas = new Set(system.body.map((table: any) => table.schema))
    expect(schemas.has('pg_catalog')).toBe(true)
    const pgClass = system.body.find((table: any) => table.schema === 'pg_catalog' && table.name === 'pg_class')
    expect(pgClass.columns.find((item: any) => item.name === 'relname')).toMatchObject({ data_type: 'name', format: 'name' })
    // A large listing comes gzipped when the client accepts it (fetch decompresses it).
    expect(system.headers.get('content-encoding')).toBe('gzip')

    const paged = await get(project.owner, 'tables', { included_schemas: 'shop,audit', include_columns: 'false', limit: '2', offset: '1' })
    expect(paged.body.map((table: any) => table.name)).toEqual(['customers', 'order_lines'])

    const bad = await get(project.owner, 'tables', { include_columns: 'yes' })
    expect(bad.status).toBe(400)
    expect(errorOf(bad).code).toBe('VALIDATION_ERROR')
  })

  it('gets one table by id with its columns, and 404 for an unknown id', async () => {
    const response = await get(project.owner, `tables/${oids.order_lines}`)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ id: oids.order_lines, schema: 'shop', name: 'order_lines' })
    expect(response.body.columns.map((item: any) => item.name)).toEqual(['order_id', 'line_no', 'sku', 'quantity'])
    expect(response.body.relationships).toEqual([
      {
        id: oids.lines_fk,
        constraint_name: 'order_lines_order_id_fkey',
        source_schema: 'shop',
        source_table_name: 'order_lines',
        source_column_name: 'order_id',
        target_table_schema: 'shop',
        target_table_name: 'orders',
        target_column_name: 'id',
      },
    ])

    const missing = await get(project.owner, 'tables/4000000000')
    expect(missing.status).toBe(404)
    expect(errorOf(missing).code).toBe('TABLE_NOT_FOUND')
    // A view is not a table.
    const view = await get(project.owner, `tables/${oids.paid_orders}`)
    expect(view.status).toBe(404)
    const notNumeric = await get(project.owner, 'tables/abc')
    expect(notNumeric.status).toBe(400)
  })

  it('lists views with their columns', async () => {
    const response = await get(project.owner, 'views', { included_schemas: 'shop' })
    expect(response.status).toBe(200)
    expect(response.body).toHaveLength(1)
    const [view] = response.body
    expect(view).toMatchObject({ id: oids.paid_orders, schema: 'shop', name: 'paid_orders', is_updatable: true, comment: 'Orders that were paid' })
    expect(view.columns.map((item: any) => [item.name, item.data_type, item.table])).toEqual([
      ['id', 'uuid', 'paid_orders'],
      ['customer_id', 'bigint', 'paid_orders'],
      ['total', 'numeric', 'paid_orders'],
    ])
    const withoutColumns = await get(project.owner, 'views', { included_schemas: 'shop', include_columns: 'false' })
    expect(withoutColumns.body[0]).not.toHaveProperty('columns')
    const none = await get(project.owner, 'views', { included_schemas: 'audit' })
    expect(none.body).toEqual([])
  })

  it('lists policies field by field', async () => {
    const response = await get(project.owner, 'policies', { included_schemas: 'shop' })
    expect(response.status).toBe(200)
    expect(response.body).toEqual([
      {
        id: oids.policy,
        schema: 'shop',
        table: 'orders',
        table_id: oids.orders,
        name: 'orders_owner',
        action: 'PERMISSIVE',
        roles: ['public'],
        command: 'SELECT',
        definition: '(customer_id > 0)',
        check: null,
      },
    ])
  })

  it('lists triggers field by field', async () => {
    const response = await get(project.owner, 'triggers', { included_schemas: 'shop' })
    expect(response.status).toBe(200)
    expect(response.body).toEqual([
      {
        id: oids.trigger,
        table_id: oids.orders,
        enabled_mode: 'ORIGIN',
        function_args: ['order'],
        name: 'orders_audit',
        table: 'orders',
        schema: 'shop',
        condition: '(new.total > (0)::numeric)',
        orientation: 'ROW',
        activation: 'AFTER',
        events: ['INSERT', 'UPDATE'],
        function_name: 'log_order',
        function_schema: 'audit',
      },
    ])
    const excluded = await get(project.owner, 'triggers', { excluded_schemas: 'shop' })
    expect(excluded.body).toEqual([])
  })

  it('lists types: the enum with its labels, no array types unless asked', async () => {
    const response = await get(project.owner, 'types', { included_schemas: 'shop' })
    expect(response.status).toBe(200)
    expect(response.body).toEqual([
      {
        id: oids.order_status,
        name: 'order_status',
        schema: 'shop',
        format: 'shop.order_status',
        enums: ['pending', 'paid', 'shipped'],
        attributes: [],
        comment: 'Lifecycle of an order',
        type_relation_id: null,
      },
    ])
    const withArrays = await get(project.owner, 'types', { included_schemas: 'shop', include_array_types: 'true' })
    // As in pg-meta, include_array_types lists every array type, those of row types too.
    expect(withArrays.body.map((type: any) => type.name).sort()).toEqual([
      '_customers',
      '_order_lines',
      '_order_status',
      '_orders',
      '_paid_orders',
      'order_status',
    ])
    // A table's row type points at its table; as in pg-meta, only composite types list attributes.
    const withTables = await get(project.owner, 'types', { included_schemas: 'audit', include_table_types: 'true' })
    expect(withTables.body.find((type: any) => type.name === 'events')).toMatchObject({ type_relation_id: oids.events, attributes: [] })
  })

  it('lists extensions, installed ones with schema and version', async () => {
    const response = await get(project.owner, 'extensions')
    expect(response.status).toBe(200)
    const citext = response.body.find((extension: any) => extension.name === 'citext')
    expect(citext).toEqual({
      name: 'citext',
      schema: 'public',
      default_version: expect.any(String),
      installed_version: expect.any(String),
      comment: expect.stringContaining('case-insensitive'),
    })
    const notInstalled = response.body.find((extension: any) => extension.name === 'hstore')
    expect(notInstalled).toMatchObject({ schema: null, installed_version: null })
    const paged = await get(project.owner, 'extensions', { limit: '2' })
    expect(paged.body).toHaveLength(2)
  })

  it('lets a read_only member list, and refuses a stranger', async () => {
    const reader = await project.member('read_only')
    expect((await get(reader, 'tables', { include_columns: 'false' })).status).toBe(200)
    const stranger = (await createProject()).owner
    const refused = await get(stranger, 'tables')
    expect([403, 404]).toContain(refused.status)
    errorOf(refused)
  })
})
