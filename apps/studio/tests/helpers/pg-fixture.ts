import { randomUUID } from 'node:crypto'

import { Client } from 'pg'

import { postgresUrlFor, POSTGRES_ADMIN_URL } from './services'

/** Only databases named with this prefix belong to the Postgres suites; they create and drop them. */
export const PG_TEST_DATABASE_PREFIX = 'mbtest_pg_'

export async function withAdminClient<T>(database: string | undefined, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: database ? postgresUrlFor(database) : POSTGRES_ADMIN_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export async function createTestDatabase(name: string): Promise<void> {
  if (!name.startsWith(PG_TEST_DATABASE_PREFIX)) throw new Error(`test databases must start with ${PG_TEST_DATABASE_PREFIX}`)
  await withAdminClient(undefined, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${name}`)
  })
}

export async function dropTestDatabase(name: string): Promise<void> {
  if (!name.startsWith(PG_TEST_DATABASE_PREFIX)) throw new Error(`test databases must start with ${PG_TEST_DATABASE_PREFIX}`)
  await withAdminClient(undefined, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
}

/**
 * A schema with what every pg-meta listing shows: tables (single and composite primary keys, a
 * foreign key, a table without a primary key), a view, a policy, a trigger, an enum type and an
 * extension (citext), plus the column types the explorer must round-trip.
 */
export const FIXTURE_SQL = /* sql */ `
CREATE SCHEMA shop;
CREATE SCHEMA audit;
CREATE EXTENSION citext SCHEMA public;
CREATE TYPE shop.order_status AS ENUM ('pending', 'paid', 'shipped');
COMMENT ON TYPE shop.order_status IS 'Lifecycle of an order';

CREATE TABLE shop.customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email public.citext NOT NULL UNIQUE,
  name text NOT NULL,
  age integer CHECK (age >= 0),
  created_at timestamp NOT NULL DEFAULT '2024-01-01 00:00:00'
);
COMMENT ON TABLE shop.customers IS 'People who buy';
COMMENT ON COLUMN shop.customers.email IS 'Login address';

CREATE TABLE shop.orders (
  id uuid PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES shop.customers (id),
  status shop.order_status NOT NULL DEFAULT 'pending',
  total numeric(10, 2) NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  meta jsonb,
  raw json,
  payload bytea,
  placed_at timestamptz
);

CREATE TABLE shop.order_lines (
  order_id uuid NOT NULL REFERENCES shop.orders (id) ON DELETE CASCADE,
  line_no integer NOT NULL,
  sku text NOT NULL,
  quantity integer NOT NULL DEFAULT 1,
  PRIMARY KEY (order_id, line_no)
);

CREATE TABLE audit.events (happened_at timestamptz NOT NULL DEFAULT now(), message text);

CREATE VIEW shop.paid_orders AS SELECT id, customer_id, total FROM shop.orders WHERE status = 'paid';
COMMENT ON VIEW shop.paid_orders IS 'Orders that were paid';

ALTER TABLE shop.orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_owner ON shop.orders AS PERMISSIVE FOR SELECT TO PUBLIC USING (customer_id > 0);

CREATE FUNCTION audit.log_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit.events (message) VALUES (TG_ARGV[0] || ':' || NEW.id::text);
  RETURN NEW;
END $$;
CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON shop.orders
  FOR EACH ROW WHEN (NEW.total > 0) EXECUTE FUNCTION audit.log_order('order');
`

/** Only roles named with this prefix belong to the Postgres suites; they create and drop them. */
export const PG_TEST_ROLE_PREFIX = 'mbtest_ro_'

/**
 * A login role for a suite (roles are server-wide, so the name is unique): NOSUPERUSER, with only
 * what `grants` gives it, e.g. `GRANT pg_read_all_data TO %I` — `%I` is the role's quoted name.
 */
export async function createTestRole(grants: string[] = []): Promise<{ username: string; password: string }> {
  const username = `${PG_TEST_ROLE_PREFIX}${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const password = `pw-${randomUUID()}`
  await withAdminClient(undefined, async (client) => {
    const name = client.escapeIdentifier(username)
    await client.query(`CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${client.escapeLiteral(password)}`)
    for (const grant of grants) await client.query(grant.replaceAll('%I', name))
  })
  return { username, password }
}

/** A role that can read every table and nothing else: what a read-only login should be. */
export const createReadOnlyRole = () => createTestRole(['GRANT pg_read_all_data TO %I'])

/** Drops a suite's role after its databases are gone (privileges in a dropped database go with it). */
export async function dropTestRole(username: string): Promise<void> {
  if (!username.startsWith(PG_TEST_ROLE_PREFIX)) throw new Error(`test roles must start with ${PG_TEST_ROLE_PREFIX}`)
  await withAdminClient(undefined, async (client) => {
    await client.query(`DROP OWNED BY ${client.escapeIdentifier(username)}`)
    await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(username)}`)
  })
}
