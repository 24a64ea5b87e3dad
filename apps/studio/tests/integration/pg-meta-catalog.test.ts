import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf } from '../helpers/api'
import { createProject } from '../helpers/fixtures'
import { withAdminClient } from '../helpers/pg-fixture'
import { setupPgMetaSuite, type PgMetaSuite } from '../helpers/pg-meta-suite'

let suite: PgMetaSuite
let oids: Record<string, number>

beforeAll(async () => {
  suite = await setupPgMetaSuite('meta_catalog')
  oids = suite.oids
})

afterAll(async () => {
  await suite.cleanup()
})

const list = async (path: string, params: Record<string, string> = {}) => {
  const response = await suite.get(suite.project.owner, path, params)
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return response.body as any[]
}

const grant = (grantee: string, privilege_type: string, grantor = 'postgres') => ({ grantor, grantee, privilege_type, is_grantable: false })

describe('pg-meta schemas and roles', () => {
  it('lists schemas with owners; pg_* and information_schema only with include_system_schemas', async () => {
    expect(await list('schemas', { included_schemas: 'shop,audit' })).toEqual([
      { id: oids.audit, name: 'audit', owner: 'postgres' },
      { id: oids.shop, name: 'shop', owner: 'postgres' },
    ])
    const names = (await list('schemas')).map((schema) => schema.name)
    expect(names).toEqual(expect.arrayContaining(['audit', 'public', 'shop']))
    expect(names.some((name) => name.startsWith('pg_') || name === 'information_schema')).toBe(false)
    const system = (await list('schemas', { include_system_schemas: 'true' })).map((schema) => schema.name)
    expect(system).toEqual(expect.arrayContaining(['pg_catalog', 'information_schema', 'shop']))
    expect(await list('schemas', { excluded_schemas: 'public,shop' })).toEqual([{ id: oids.audit, name: 'audit', owner: 'postgres' }])
  })

  it("lists roles with pg_roles' masked password; predefined roles only when asked", async () => {
    const roles = await list('roles')
    expect(roles.find((role) => role.name === suite.role)).toEqual({
      id: expect.any(Number),
      name: suite.role,
      is_superuser: false,
      can_create_db: false,
      can_create_role: false,
      inherit_role: true,
      can_login: false,
      is_replication_role: false,
      can_bypass_rls: false,
      active_connections: 0,
      connection_limit: expect.any(Number),
      password: '********',
      valid_until: null,
      config: null,
    })
    const postgres = roles.find((role) => role.name === 'postgres')
    expect(postgres).toMatchObject({ is_superuser: true, can_login: true, password: '********' })
    expect(postgres.active_connections).toBeGreaterThan(0)
    expect(roles.some((role) => role.name.startsWith('pg_'))).toBe(false)
    const all = await list('roles', { include_default_roles: 'true' })
    expect(all.map((role) => role.name)).toContain('pg_read_all_data')
    expect(await list('roles', { limit: '1' })).toHaveLength(1)
  })
})

describe('pg-meta functions and columns', () => {
  it('lists functions field by field: defaults, set-returning, OUT arguments, config', async () => {
    const functions = await list('functions', { included_schemas: 'shop' })
    expect(functions.map((fn) => fn.name)).toEqual(['customer_orders', 'order_count', 'split_total'])
    const [customerOrders, orderCount, splitTotal] = functions
    expect(orderCount).toEqual({
      id: oids.order_count,
      schema: 'shop',
      name: 'order_count',
      language: 'sql',
      definition: ' SELECT count(*)::int FROM shop.orders WHERE customer_id = customer ',
      complete_statement: expect.stringContaining('CREATE OR REPLACE FUNCTION shop.order_count(customer bigint, since timestamp with time zone'),
      args: [
        { mode: 'in', name: 'customer', type_id: 20, has_default: false },
        { mode: 'in', name: 'since', type_id: 1184, has_default: true },
      ],
      argument_types: 'customer bigint, since timestamp with time zone DEFAULT NULL::timestamp with time zone',
      identity_argument_types: 'customer bigint, since timestamp with time zone',
      return_type_id: 23,
      return_type: 'integer',
      return_type_relation_id: null,
      is_set_returning_function: false,
      prorows: null,
      behavior: 'STABLE',
      security_definer: false,
      config_params: null,
    })
    expect(customerOrders).toMatchObject({
      id: oids.customer_orders,
      return_type: 'SETOF shop.orders',
      return_type_id: oids.orders_type,
      return_type_relation_id: oids.orders,
      is_set_returning_function: true,
      prorows: 10,
    })
    expect(splitTotal).toMatchObject({
      return_type: 'record',
      behavior: 'IMMUTABLE',
      security_definer: true,
      config_params: { search_path: 'shop, pg_temp' },
      args: [
        { mode: 'in', name: 'total', type_id: 1700, has_default: false },
        { mode: 'out', name: 'net', type_id: 1700, has_default: false },
        { mode: 'out', name: 'tax', type_id: 1700, has_default: false },
      ],
    })
    const audit = await list('functions', { included_schemas: 'audit' })
    expect(audit.map((fn) => [fn.name, fn.return_type, fn.language])).toEqual([['log_order', 'trigger', 'plpgsql']])
  })

  it('lists the columns of every relation kind, paged over columns', async () => {
    const columns = await list('columns', { included_schemas: 'shop' })
    const byRelation = (table: string) => columns.filter((column) => column.table === table).map((column) => column.name)
    expect(byRelation('remote_stock')).toEqual(['sku', 'on_hand'])
    expect(byRelation('order_totals')).toEqual(['customer_id', 'total'])
    expect(byRelation('paid_orders')).toEqual(['id', 'customer_id', 'total'])
    expect(columns.find((column) => column.id === `${oids.order_totals}.2`)).toMatchObject({
      table_id: oids.order_totals,
      schema: 'shop',
      name: 'total',
      data_type: 'numeric',
      is_updatable: false,
      is_nullable: true,
    })
    expect(columns.find((column) => column.id === `${oids.customers}.1`)).toEqual({
      table_id: oids.customers,
      schema: 'shop',
      table: 'customers',
      id: `${oids.customers}.1`,
      ordinal_position: 1,
      name: 'id',
      default_value: null,
      data_type: 'bigint',
      format: 'int8',
      is_identity: true,
      identity_generation: 'ALWAYS',
      is_generated: false,
      is_nullable: false,
      is_updatable: true,
      is_unique: false,
      check: null,
      enums: [],
      comment: null,
    })
    const paged = await list('columns', { included_schemas: 'shop', limit: '2', offset: '1' })
    expect(paged.map((column) => `${column.table}.${column.name}`)).toEqual(['customers.email', 'customers.name'])
    // As in pg-meta, included_schemas wins over excluded_schemas.
    const audit = await list('columns', { included_schemas: 'audit', excluded_schemas: 'audit' })
    expect(audit.map((column) => column.name)).toEqual(['happened_at', 'message'])
  })
})

describe('pg-meta relations', () => {
  it('lists materialized views, their columns only with include_columns=true', async () => {
    expect(await list('materialized-views', { included_schemas: 'shop' })).toEqual([
      { id: oids.order_totals, schema: 'shop', name: 'order_totals', is_populated: false, comment: 'Per customer' },
    ])
    const [withColumns] = await list('materialized-views', { included_schemas: 'shop', include_columns: 'true' })
    expect(withColumns.columns.map((column: any) => [column.name, column.format, column.is_updatable])).toEqual([
      ['customer_id', 'int8', false],
      ['total', 'numeric', false],
    ])
  })

  it('lists foreign tables with their columns by default', async () => {
    const [remote] = await list('foreign-tables', { included_schemas: 'shop' })
    expect(remote).toMatchObject({ id: oids.remote_stock, schema: 'shop', name: 'remote_stock', comment: 'Stock kept elsewhere' })
    expect(remote.columns.map((column: any) => [column.name, column.data_type, column.is_nullable])).toEqual([
      ['sku', 'text', false],
      ['on_hand', 'integer', true],
    ])
    const [bare] = await list('foreign-tables', { included_schemas: 'shop', include_columns: 'false' })
    expect(bare).toEqual({ id: oids.remote_stock, schema: 'shop', name: 'remote_stock', comment: 'Stock kept elsewhere' })
  })

  it('lists indexes: partial, expression and primary key ones', async () => {
    const indexes = await list('indexes', { included_schemas: 'shop' })
    const paid = indexes.find((index) => index.id === oids.orders_paid_idx)
    expect(paid).toEqual({
      id: oids.orders_paid_idx,
      table_id: oids.orders,
      schema: 'shop',
      number_of_attributes: 1,
      number_of_key_attributes: 1,
      is_unique: false,
      is_primary: false,
      is_exclusion: false,
      is_immediate: true,
      is_clustered: false,
      is_valid: true,
      check_xmin: false,
      is_ready: true,
      is_live: true,
      is_replica_identity: false,
      key_attributes: [9],
      collation: [0],
      class: [expect.any(Number)],
      options: [0],
      index_predicate: expect.stringMatching(/^\{OPEXPR /),
      comment: 'Paid orders by date',
      index_definition: "CREATE INDEX orders_paid_idx ON shop.orders USING btree (placed_at) WHERE (status = 'paid'::shop.order_status)",
      access_method: 'btree',
      index_attributes: [{ attribute_number: 1, attribute_name: 'placed_at', data_type: 'timestamp with time zone' }],
    })
    expect(indexes.find((index) => index.id === oids.customers_lower_name_idx)).toMatchObject({
      key_attributes: [0, 4],
      index_predicate: null,
      index_attributes: [
        { attribute_number: 1, attribute_name: 'lower', data_type: 'text' },
        { attribute_number: 2, attribute_name: 'age', data_type: 'integer' },
      ],
    })
    expect(indexes.find((index) => index.id === oids.customers_pkey)).toMatchObject({ is_primary: true, is_unique: true, key_attributes: [1] })
  })

  it('keeps one relationship per column pair of a composite foreign key', async () => {
    const [shipments] = await list('tables', { included_schemas: 'shop', include_columns: 'false', limit: '1', offset: '3' })
    expect(shipments.name).toBe('shipments')
    const pair = (source: string, target: string) => ({
      id: oids.shipments_line_fkey,
      constraint_name: 'shipments_line_fkey',
      source_schema: 'shop',
      source_table_name: 'shipments',
      source_column_name: source,
      target_table_schema: 'shop',
      target_table_name: 'order_lines',
      target_column_name: target,
    })
    expect(shipments.relationships).toEqual([pair('order_id', 'order_id'), pair('line_no', 'line_no')])
  })

  it("lists types with type_relation_id: a composite type's relation, row types of tables and views when asked", async () => {
    const types = await list('types', { included_schemas: 'shop' })
    expect(types.find((type) => type.name === 'address')).toEqual({
      id: oids.address_type,
      name: 'address',
      schema: 'shop',
      format: 'shop.address',
      enums: [],
      attributes: [
        { name: 'street', type_id: 25 },
        { name: 'zip', type_id: 23 },
      ],
      comment: null,
      type_relation_id: oids.address,
    })
    expect(types.find((type) => type.name === 'positive_int')).toMatchObject({ type_relation_id: null, format: 'shop.positive_int' })
    expect(types.some((type) => type.name === 'orders')).toBe(false)
    const withTables = await list('types', { included_schemas: 'shop', include_table_types: 'true' })
    expect(withTables.find((type) => type.name === 'orders')).toMatchObject({ id: oids.orders_type, type_relation_id: oids.orders, attributes: [] })
    expect(withTables.find((type) => type.name === 'paid_orders')?.type_relation_id).toBe(oids.paid_orders)
    expect(withTables.find((type) => type.name === 'order_totals')?.type_relation_id).toBe(oids.order_totals)
  })
})

describe('pg-meta publications, privileges and config', () => {
  it('lists publications with the tables they name', async () => {
    expect(await list('publications')).toEqual([
      {
        id: oids.publication,
        name: 'mbtest_orders_pub',
        owner: 'postgres',
        publish_insert: true,
        publish_update: true,
        publish_delete: false,
        publish_truncate: false,
        tables: [
          { id: oids.customers, name: 'customers', schema: 'shop' },
          { id: oids.orders, name: 'orders', schema: 'shop' },
        ],
      },
    ])
  })

  it('lists table privileges of every relation kind, owner defaults and grants', async () => {
    const privileges = await list('table-privileges', { included_schemas: 'shop' })
    expect(privileges.map((item) => [item.name, item.kind])).toEqual([
      ['customers', 'table'],
      ['order_lines', 'table'],
      ['order_totals', 'materialized_view'],
      ['orders', 'table'],
      ['paid_orders', 'view'],
      ['remote_stock', 'foreign_table'],
      ['shipments', 'table'],
    ])
    const customers = privileges[0]
    expect(customers.relation_id).toBe(oids.customers)
    expect(customers.schema).toBe('shop')
    expect(customers.privileges).toEqual(
      expect.arrayContaining([grant('postgres', 'TRUNCATE'), grant('postgres', 'TRIGGER'), grant(suite.role, 'SELECT')])
    )
    expect(customers.privileges).toHaveLength(8)
  })

  it("lists column privileges: the table's grants on every column plus column grants", async () => {
    const columns = await list('column-privileges', { included_schemas: 'shop' })
    const name = columns.find((column) => column.column_id === `${oids.customers}.3`)
    expect(name).toEqual({
      column_id: `${oids.customers}.3`,
      relation_schema: 'shop',
      relation_name: 'customers',
      column_name: 'name',
      privileges: [
        grant(suite.role, 'SELECT'),
        grant(suite.role, 'UPDATE'),
        grant('postgres', 'INSERT'),
        grant('postgres', 'REFERENCES'),
        grant('postgres', 'SELECT'),
        grant('postgres', 'UPDATE'),
      ],
    })
    const age = columns.find((column) => column.column_id === `${oids.customers}.4`)
    expect(age.privileges.filter((item: any) => item.grantee === suite.role)).toEqual([grant(suite.role, 'SELECT')])
    expect(await list('column-privileges', { included_schemas: 'shop', limit: '2' })).toHaveLength(2)
  })

  it("lists pg_settings as the session sees them, not the catalog query's own transaction settings", async () => {
    const config = await list('config', { limit: '1000' })
    expect(config.find((setting) => setting.name === 'max_connections')).toMatchObject({
      category: 'Connections and Authentication / Connection Settings',
      group: 'Connections and Authentication',
      subgroup: 'Connection Settings',
      vartype: 'integer',
      context: 'postmaster',
    })
    const sessionDefaults = await withAdminClient(suite.database, async (client) => {
      const result = await client.query<{ name: string; setting: string }>(
        "SELECT name, setting FROM pg_settings WHERE name IN ('statement_timeout', 'enable_nestloop', 'transaction_read_only', 'jit')"
      )
      return Object.fromEntries(result.rows.map((row) => [row.name, row.setting]))
    })
    for (const [name, setting] of Object.entries(sessionDefaults)) {
      expect(config.find((item) => item.name === name)?.setting, name).toBe(setting)
    }
    expect(await list('config', { limit: '3', offset: '1' })).toEqual(config.slice(1, 4))
  })
})

const NEW_ROUTES = [
  'columns',
  'functions',
  'schemas',
  'roles',
  'indexes',
  'materialized-views',
  'foreign-tables',
  'publications',
  'column-privileges',
  'table-privileges',
  'config',
  'generators/typescript',
]

describe('pg-meta access and input', () => {
  it('lets a read_only member read every new route and gives a stranger the 404 of an unknown project', async () => {
    const reader = await suite.project.member('read_only')
    const stranger = (await createProject()).owner
    for (const route of NEW_ROUTES) {
      const read = await suite.get(reader, route, route === 'generators/typescript' ? { included_schemas: 'shop' } : { limit: '5' })
      expect(read.status, route).toBe(200)
      const refused = await suite.get(stranger, route)
      expect(refused.status, route).toBe(404)
      expect(errorOf(refused).code, route).toBe(errorOf(await stranger.request('GET', `/api/platform/pg-meta/p-doesnotexist/${route}`)).code)
    }
  })

  it('refuses malformed parameters with the one error body', async () => {
    for (const [route, params] of [
      ['functions', { limit: '0' }],
      ['roles', { include_default_roles: 'yes' }],
      ['materialized-views', { include_columns: '1' }],
      ['generators/typescript', { postgrest_version: '12; drop' }],
    ] as const) {
      const response = await suite.get(suite.project.owner, route, params)
      expect(response.status, route).toBe(400)
      expect(errorOf(response).code, route).toBe('VALIDATION_ERROR')
    }
  })
})
