import type { SyncScope } from '@multibase/api-contracts'
import type { Client } from 'pg'

export interface TableColumn {
  name: string
  type: string
}

export interface TablePlan {
  schema: string
  name: string
  /** Columns copied: every column but generated ones (the target computes those). */
  columns: TableColumn[]
  primaryKey: TableColumn[]
  /** False when a column's binary form names a type OID that differs between databases. */
  binary: boolean
  /** Sequences owned by the table's columns (serial and identity), as regclass text. */
  sequences: string[]
}

/** The tables of the scope: the listed ones, else every table of the listed schemas (default public). */
async function scopeTables(client: Client, scope: SyncScope): Promise<Array<{ schema: string; name: string }>> {
  if (scope.tables?.length) return scope.tables
  const { rows } = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY($1) ORDER BY 1, 2`,
    [scope.schemas?.length ? scope.schemas : ['public']]
  )
  return rows
}

async function describeTable(client: Client, table: { schema: string; name: string }): Promise<TablePlan> {
  const { rows: columns } = await client.query<{ name: string; type: string; generated: string; binary_safe: boolean; sequence: string | null }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attgenerated AS generated,
            NOT (t.typtype = 'c' OR (t.typelem <> 0 AND t.typlen = -1 AND t.typelem >= 16384)) AS binary_safe,
            pg_get_serial_sequence(format('%I.%I', $1::text, $2::text), a.attname) AS sequence
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = format('%I.%I', $1::text, $2::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [table.schema, table.name]
  )
  const { rows: key } = await client.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = format('%I.%I', $1::text, $2::text)::regclass AND i.indisprimary
      ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [table.schema, table.name]
  )
  const copied = columns.filter((column) => column.generated === '')
  return {
    ...table,
    columns: copied.map(({ name, type }) => ({ name, type })),
    primaryKey: key.map(({ name }) => ({ name, type: columns.find((column) => column.name === name)!.type })),
    binary: copied.every((column) => column.binary_safe),
    sequences: columns.flatMap((column) => (column.sequence ? [column.sequence] : [])),
  }
}

/**
 * Orders tables so a referenced table is copied before the tables that reference it (self
 * references and cycles keep their place: their rows must satisfy the constraint in PK order).
 */
async function foreignKeyOrder(client: Client, tables: Array<{ schema: string; name: string }>) {
  const names = tables.map((table) => `${table.schema}.${table.name}`)
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT cn.nspname || '.' || cc.relname AS child, pn.nspname || '.' || pc.relname AS parent
       FROM pg_constraint f
       JOIN pg_class cc ON cc.oid = f.conrelid JOIN pg_namespace cn ON cn.oid = cc.relnamespace
       JOIN pg_class pc ON pc.oid = f.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
      WHERE f.contype = 'f' AND f.conrelid <> f.confrelid`
  )
  const parents = new Map(names.map((name) => [name, new Set<string>()]))
  for (const row of rows) if (parents.has(row.child) && parents.has(row.parent)) parents.get(row.child)!.add(row.parent)
  const ordered: string[] = []
  const visiting = new Set<string>()
  const visit = (name: string) => {
    if (ordered.includes(name) || visiting.has(name)) return
    visiting.add(name)
    for (const parent of parents.get(name)!) visit(parent)
    ordered.push(name)
  }
  for (const name of names) visit(name)
  return ordered.map((name) => tables[names.indexOf(name)])
}

/** What a Postgres → Postgres copy will do, read from the source's catalog. */
export async function planTables(client: Client, scope: SyncScope): Promise<TablePlan[]> {
  const tables = await foreignKeyOrder(client, await scopeTables(client, scope))
  const plans: TablePlan[] = []
  for (const table of tables) plans.push(await describeTable(client, table))
  return plans
}
