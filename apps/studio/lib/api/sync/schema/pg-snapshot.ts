import type { SyncScope } from '@multibase/api-contracts'
import type { ClientBase } from 'pg'

/**
 * What a migration needs to know about one side's tables in scope. Read with an empty search_path
 * (as pg_dump does), so format_type, pg_get_expr, pg_get_constraintdef and pg_get_indexdef qualify
 * every name and their text runs unchanged on the other database. pg-meta's listings give shapes
 * for the UI (no constraint or index definitions in this form), hence these focused queries.
 */
export interface PgColumn {
  name: string
  type: string
  notNull: boolean
  default: string | null
  /** '' | 'a' (ALWAYS) | 'd' (BY DEFAULT) */
  identity: string
  /** '' | 's' (STORED generated column: `default` holds its expression) */
  generated: string
}

export interface PgConstraint {
  name: string
  /** p, u, f, c, x */
  type: string
  definition: string
  refSchema: string | null
  refTable: string | null
}

export interface PgTable {
  oid: string
  schema: string
  name: string
  columns: PgColumn[]
  constraints: PgConstraint[]
  indexes: Array<{ name: string; definition: string }>
  bytes: number
  rows: number
}

export interface PgEnum {
  schema: string
  name: string
  labels: string[]
}

export interface PgSequence {
  schema: string
  name: string
  type: string
  start: string
  increment: string
  min: string
  max: string
  cache: string
  cycle: boolean
  /** The column that owns it: 'a' serial-style ownership, 'i' an identity column's own sequence. */
  owner: { schema: string; table: string; column: string; deptype: string } | null
  /** null when nextval was never called (or is not readable). */
  lastValue: string | null
}

export interface PgSnapshot {
  tables: PgTable[]
  /** Enums used by the tables' columns (directly or as array elements). */
  enums: PgEnum[]
  /** Every enum of the database, by `schema.name`, so a target's existing labels are known. */
  allEnums: Map<string, PgEnum>
  sequences: PgSequence[]
  schemas: string[]
}

const TABLES_SQL = /* sql */ `
SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name,
       pg_catalog.pg_total_relation_size(c.oid)::float8 AS bytes, greatest(c.reltuples, 0)::float8 AS rows
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
  AND ($1::text[] IS NULL OR n.nspname = ANY($1))
  AND ($2::text[] IS NULL OR EXISTS (
        SELECT 1 FROM unnest($2::text[], $3::text[]) AS wanted(schema, name)
        WHERE wanted.schema = n.nspname AND wanted.name = c.relname))
ORDER BY n.nspname, c.relname`

const COLUMNS_SQL = /* sql */ `
SELECT a.attrelid::text AS table_oid, a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default,
       a.attidentity::text AS identity, a.attgenerated::text AS generated
FROM pg_catalog.pg_attribute a
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`

const CONSTRAINTS_SQL = /* sql */ `
SELECT con.conrelid::text AS table_oid, con.conname AS name, con.contype::text AS type,
       pg_catalog.pg_get_constraintdef(con.oid) AS definition, rn.nspname AS ref_schema, rc.relname AS ref_table
FROM pg_catalog.pg_constraint con
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.conrelid = ANY($1::oid[]) AND con.contype IN ('p', 'u', 'f', 'c', 'x')
ORDER BY con.conrelid, con.contype, con.conname`

const INDEXES_SQL = /* sql */ `
SELECT i.indrelid::text AS table_oid, ic.relname AS name, pg_catalog.pg_get_indexdef(i.indexrelid) AS definition
FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
WHERE i.indrelid = ANY($1::oid[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname`

const ALL_ENUMS_SQL = /* sql */ `
SELECT n.nspname AS schema, t.typname AS name,
       array(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels,
       EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
               WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
                 AND (a.atttypid = t.oid OR at.typelem = t.oid)) AS used
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e'
ORDER BY n.nspname, t.typname`

const SEQUENCES_SQL = /* sql */ `
WITH used AS (
  SELECT d.objid AS seq FROM pg_catalog.pg_depend d
  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
    AND d.refobjid = ANY($1::oid[]) AND d.deptype IN ('a', 'i')
  UNION
  SELECT d.refobjid FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_attrdef ad ON ad.oid = d.objid
  WHERE d.classid = 'pg_catalog.pg_attrdef'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
    AND ad.adrelid = ANY($1::oid[])
)
SELECT n.nspname AS schema, c.relname AS name, pg_catalog.format_type(s.seqtypid, NULL) AS type,
       s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
       s.seqcache::text AS cache, s.seqcycle AS cycle, ps.last_value::text AS last_value,
       owner.schema AS owner_schema, owner.table AS owner_table, owner.column AS owner_column, owner.deptype AS owner_deptype
FROM used JOIN pg_catalog.pg_sequence s ON s.seqrelid = used.seq
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = c.relname
LEFT JOIN LATERAL (
  SELECT tn.nspname AS schema, tc.relname AS table, ta.attname AS column, d.deptype::text AS deptype
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
  JOIN pg_catalog.pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid
  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = s.seqrelid AND d.deptype IN ('a', 'i')
  LIMIT 1
) owner ON true
ORDER BY n.nspname, c.relname`

interface Row {
  [column: string]: unknown
}

/** Reads one side's snapshot in a read-only transaction; `tablesOnly` limits to the tables named. */
export async function readPgSnapshot(client: ClientBase, scope: SyncScope, tablesOnly?: Array<{ schema: string; name: string }>): Promise<PgSnapshot> {
  const wanted = tablesOnly ?? (scope.tables && scope.tables.length > 0 ? scope.tables : undefined)
  const schemas = tablesOnly ? null : scope.schemas && scope.schemas.length > 0 ? scope.schemas : null
  await client.query("BEGIN READ ONLY; SET LOCAL search_path = ''")
  try {
    const tableRows = (await client.query<Row>(TABLES_SQL, [schemas, wanted ? wanted.map((t) => t.schema) : null, wanted ? wanted.map((t) => t.name) : null])).rows
    const oids = tableRows.map((row) => String(row.oid))
    // One client runs one query at a time: these go in sequence inside the one snapshot transaction.
    const rowsOf = async (sql: string) => (await client.query<Row>(sql, [oids])).rows
    const columns = await rowsOf(COLUMNS_SQL)
    const constraints = await rowsOf(CONSTRAINTS_SQL)
    const indexes = await rowsOf(INDEXES_SQL)
    const enums = await rowsOf(ALL_ENUMS_SQL)
    const sequences = await rowsOf(SEQUENCES_SQL)
    await client.query('COMMIT')
    return assemble(tableRows, columns, constraints, indexes, enums, sequences)
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

function assemble(tableRows: Row[], columns: Row[], constraints: Row[], indexes: Row[], enums: Row[], sequences: Row[]): PgSnapshot {
  const byOid = new Map<string, PgTable>()
  const tables = tableRows.map((row) => {
    const table: PgTable = {
      oid: String(row.oid),
      schema: String(row.schema),
      name: String(row.name),
      columns: [],
      constraints: [],
      indexes: [],
      bytes: Number(row.bytes),
      rows: Number(row.rows),
    }
    byOid.set(table.oid, table)
    return table
  })
  for (const row of columns) {
    byOid.get(String(row.table_oid))?.columns.push({
      name: String(row.name),
      type: String(row.type),
      notNull: Boolean(row.not_null),
      default: (row.default as string | null) ?? null,
      identity: String(row.identity ?? ''),
      generated: String(row.generated ?? ''),
    })
  }
  for (const row of constraints) {
    byOid.get(String(row.table_oid))?.constraints.push({
      name: String(row.name),
      type: String(row.type),
      definition: String(row.definition),
      refSchema: (row.ref_schema as string | null) ?? null,
      refTable: (row.ref_table as string | null) ?? null,
    })
  }
  for (const row of indexes) byOid.get(String(row.table_oid))?.indexes.push({ name: String(row.name), definition: String(row.definition) })
  const allEnums = new Map<string, PgEnum>()
  const usedEnums: PgEnum[] = []
  for (const row of enums) {
    const item = { schema: String(row.schema), name: String(row.name), labels: row.labels as string[] }
    allEnums.set(`${item.schema}.${item.name}`, item)
    if (row.used) usedEnums.push(item)
  }
  const seqs: PgSequence[] = sequences.map((row) => ({
    schema: String(row.schema),
    name: String(row.name),
    type: String(row.type),
    start: String(row.start),
    increment: String(row.increment),
    min: String(row.min),
    max: String(row.max),
    cache: String(row.cache),
    cycle: Boolean(row.cycle),
    lastValue: (row.last_value as string | null) ?? null,
    owner: row.owner_table
      ? { schema: String(row.owner_schema), table: String(row.owner_table), column: String(row.owner_column), deptype: String(row.owner_deptype) }
      : null,
  }))
  const schemas = [...new Set([...tables.map((t) => t.schema), ...usedEnums.map((e) => e.schema), ...seqs.map((s) => s.schema)])]
  return { tables, enums: usedEnums, allEnums, sequences: seqs, schemas }
}
