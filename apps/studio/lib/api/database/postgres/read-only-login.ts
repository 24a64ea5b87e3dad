import type { ReadOnlyLoginHolding, ReadOnlyLoginReport } from '@multibase/api-contracts'
import type { Client } from 'pg'

import { ForbiddenError } from '../errors'

/**
 * Predefined roles that reach past the database's data: run programs and read or write files as the
 * server's OS user, signal other sessions, force checkpoints, or write every table. Membership counts
 * whether inherited or not (`MEMBER`), since a member can `SET ROLE` to a role it does not inherit.
 */
export const DANGEROUS_PREDEFINED_ROLES = [
  'pg_execute_server_program',
  'pg_write_server_files',
  'pg_read_server_files',
  'pg_signal_backend',
  'pg_write_all_data',
  'pg_checkpoint',
] as const

/** Schemas whose objects belong to the server, not to the user's data. */
const USER_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`

const INSPECT_TIMEOUT_MS = 10_000

/** How many objects of one kind a report names; the rest is summarised by a count. */
const MAX_LISTED = 20

/**
 * One catalog query, run as the login under test, listing everything it holds that goes beyond
 * reading: role attributes, dangerous predefined roles, write privileges on tables (column-level
 * included) and sequences, CREATE on schemas and databases, and ownership of objects (an owner can
 * grant itself anything on them).
 */
const INSPECT_SQL = `
WITH me AS (SELECT r.* FROM pg_catalog.pg_roles r WHERE r.rolname = current_user),
found AS (
  SELECT 1 AS ord, 'superuser' AS kind, 'superuser' AS name FROM me WHERE rolsuper
  UNION ALL SELECT 2, 'role_attribute', 'CREATEROLE' FROM me WHERE rolcreaterole
  UNION ALL SELECT 2, 'role_attribute', 'CREATEDB' FROM me WHERE rolcreatedb
  UNION ALL SELECT 2, 'role_attribute', 'BYPASSRLS' FROM me WHERE rolbypassrls
  UNION ALL
  SELECT 3, 'predefined_role', r.rolname FROM pg_catalog.pg_roles r
   WHERE r.rolname = ANY($1::text[]) AND pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')
  UNION ALL
  SELECT 4, 'table_privilege', pg_catalog.format('%I.%I', n.nspname, c.relname)
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${USER_SCHEMA}
     AND (pg_catalog.has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
          OR pg_catalog.has_any_column_privilege(c.oid, 'INSERT, UPDATE'))
  UNION ALL
  SELECT 5, 'sequence_privilege', pg_catalog.format('%I.%I', n.nspname, c.relname)
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   -- CASE: the planner may test the privilege before the relkind, and it raises on a non-sequence.
   WHERE c.relkind = 'S' AND ${USER_SCHEMA}
     AND CASE WHEN c.relkind = 'S' THEN pg_catalog.has_sequence_privilege(c.oid, 'USAGE, UPDATE') ELSE false END
  UNION ALL
  SELECT 6, 'schema_create', pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_namespace n
   WHERE ${USER_SCHEMA} AND pg_catalog.has_schema_privilege(n.oid, 'CREATE')
  UNION ALL
  SELECT 7, 'database_create', pg_catalog.quote_ident(d.datname) FROM pg_catalog.pg_database d
   WHERE d.datallowconn AND pg_catalog.has_database_privilege(d.oid, 'CREATE')
  UNION ALL
  SELECT 8, 'owner', 'database ' || pg_catalog.quote_ident(d.datname) FROM pg_catalog.pg_database d
   WHERE pg_catalog.pg_has_role(current_user, d.datdba, 'MEMBER')
  UNION ALL
  SELECT 8, 'owner', 'schema ' || pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_namespace n
   WHERE ${USER_SCHEMA} AND pg_catalog.pg_has_role(current_user, n.nspowner, 'MEMBER')
  UNION ALL
  SELECT 8, 'owner', 'relation ' || pg_catalog.format('%I.%I', n.nspname, c.relname)
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND ${USER_SCHEMA}
     AND pg_catalog.pg_has_role(current_user, c.relowner, 'MEMBER')
  UNION ALL
  SELECT 8, 'owner', 'function ' || p.oid::pg_catalog.regprocedure::text
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE ${USER_SCHEMA} AND pg_catalog.pg_has_role(current_user, p.proowner, 'MEMBER')
)
SELECT kind, name FROM found ORDER BY ord, name`

/** Caps each kind's list at MAX_LISTED names and says how many more there were. */
export function summariseHoldings(rows: readonly ReadOnlyLoginHolding[]): ReadOnlyLoginHolding[] {
  const perKind = new Map<string, number>()
  const kept: ReadOnlyLoginHolding[] = []
  for (const row of rows) {
    const seen = (perKind.get(row.kind) ?? 0) + 1
    perKind.set(row.kind, seen)
    if (seen <= MAX_LISTED) kept.push(row)
  }
  for (const [kind, count] of perKind) {
    if (count > MAX_LISTED) kept.push({ kind: kind as ReadOnlyLoginHolding['kind'], name: `… and ${count - MAX_LISTED} more` })
  }
  return kept
}

/** What the connected login holds beyond reading; `readOnly` only when it holds nothing. */
export async function inspectReadOnlyLogin(client: Client): Promise<ReadOnlyLoginReport> {
  // Bounded like any other query: a catalog with a huge number of objects must not hang a save.
  await client.query('BEGIN READ ONLY')
  try {
    await client.query("SELECT pg_catalog.set_config('statement_timeout', $1, true)", [String(INSPECT_TIMEOUT_MS)])
    const user = await client.query<{ username: string }>('SELECT current_user AS username')
    const found = await client.query<ReadOnlyLoginHolding>(INSPECT_SQL, [[...DANGEROUS_PREDEFINED_ROLES]])
    const holds = summariseHoldings(found.rows)
    return { username: user.rows[0].username, readOnly: holds.length === 0, holds }
  } finally {
    await client.query('ROLLBACK')
  }
}

/**
 * The same check on every new pooled client of a read-only login: a privilege granted after the
 * login was saved stops it being used as soon as the pool opens a new connection (idle clients are
 * evicted after POOL_IDLE_TIMEOUT_MS; editing the connection replaces the pool at once).
 */
export async function assertClientReadOnly(client: Client): Promise<void> {
  const report = await inspectReadOnlyLogin(client)
  if (report.readOnly) return
  throw new ForbiddenError(
    `The connection's read-only login "${report.username}" can now do more than read ` +
      `(${report.holds.map((held) => held.name).slice(0, 5).join(', ')}${report.holds.length > 5 ? ', …' : ''}); ` +
      'read_only members cannot query it until an admin revokes that or sets another read-only login.',
    'READ_ONLY_LOGIN_NOT_READ_ONLY'
  )
}
