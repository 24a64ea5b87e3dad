import { randomUUID } from 'node:crypto'

import type { ApiResponse } from './api'
import { addConnection, createProject, type TestProject, type TestUser } from './fixtures'
import { createTestDatabase, dropTestDatabase, FIXTURE_SQL, withAdminClient } from './pg-fixture'
import { createRoleSql, dropRoleSql, pgMetaFixtureSql } from './pg-meta-fixture'

export interface PgMetaSuite {
  project: TestProject
  database: string
  /** The suite's own role, granted SELECT on shop.customers and UPDATE (name). */
  role: string
  oids: Record<string, number>
  get(user: TestUser, path: string, params?: Record<string, string>): Promise<ApiResponse<any>>
  cleanup(): Promise<void>
}

/** Catalog oids the assertions compare with, read from the fixture database itself. */
const OIDS_SQL = `
SELECT name, oid::int8 AS oid FROM (VALUES
  ('shop', 'shop'::regnamespace::oid), ('audit', 'audit'::regnamespace::oid),
  ('customers', 'shop.customers'::regclass::oid), ('orders', 'shop.orders'::regclass::oid),
  ('order_lines', 'shop.order_lines'::regclass::oid), ('shipments', 'shop.shipments'::regclass::oid),
  ('paid_orders', 'shop.paid_orders'::regclass::oid), ('order_totals', 'shop.order_totals'::regclass::oid),
  ('remote_stock', 'shop.remote_stock'::regclass::oid), ('address', 'shop.address'::regclass::oid),
  ('address_type', 'shop.address'::regtype::oid), ('orders_type', 'shop.orders'::regtype::oid),
  ('orders_paid_idx', 'shop.orders_paid_idx'::regclass::oid),
  ('customers_lower_name_idx', 'shop.customers_lower_name_idx'::regclass::oid),
  ('customers_pkey', 'shop.customers_pkey'::regclass::oid),
  ('order_count', 'shop.order_count(bigint, timestamptz)'::regprocedure::oid),
  ('customer_orders', 'shop.customer_orders(bigint)'::regprocedure::oid),
  ('split_total', 'shop.split_total(numeric)'::regprocedure::oid),
  ('publication', (SELECT oid FROM pg_publication WHERE pubname = 'mbtest_orders_pub')),
  ('shipments_line_fkey', (SELECT oid FROM pg_constraint WHERE conname = 'shipments_line_fkey'))
) AS v(name, oid)`

/** A database with one of everything pg-meta lists, a project whose primary Postgres connection is it. */
export async function setupPgMetaSuite(label: string): Promise<PgMetaSuite> {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10)
  const database = `mbtest_pg_${label}_${suffix}`
  const role = `mbtest_reader_${suffix}`
  await withAdminClient(undefined, (client) => client.query(createRoleSql(role)))
  await createTestDatabase(database)
  await withAdminClient(database, async (client) => {
    await client.query(FIXTURE_SQL)
    await client.query(pgMetaFixtureSql(role))
  })
  const oids = await withAdminClient(database, async (client) => {
    const result = await client.query<{ name: string; oid: string }>(OIDS_SQL)
    return Object.fromEntries(result.rows.map((row) => [row.name, Number(row.oid)]))
  })
  const project = await createProject()
  await addConnection(project, 'postgres', { options: { database } })
  const base = `/api/platform/pg-meta/${project.ref}`
  return {
    project,
    database,
    role,
    oids,
    get: (user, path, params = {}) => {
      const search = new URLSearchParams(params).toString()
      return user.request('GET', `${base}/${path}${search ? `?${search}` : ''}`)
    },
    cleanup: async () => {
      await dropTestDatabase(database)
      await withAdminClient(undefined, (client) => client.query(dropRoleSql(role)))
    },
  }
}
