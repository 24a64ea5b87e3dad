import type { Client } from 'pg'
import type { PgListQuery } from '@multibase/api-contracts'

import { schemaFilterParams, schemaFilterSql } from '../schema-filter'
import { COLUMNS_CTES, RELATION_VISIBLE_SQL } from './columns-sql'
import { jsonArrayAggSql, jsonObjectSql } from './json-text-sql'
import { runCatalogJsonQuery } from './run-catalog-query'

const PRIMARY_KEY_OBJECT = jsonObjectSql([
  ['schema', 'r.nspname', 'string'],
  ['table_name', 'r.relname', 'string'],
  ['name', 'a.attname', 'string'],
  ['table_id', 'r.oid::int8', 'integer'],
])

const RELATIONSHIP_OBJECT = jsonObjectSql([
  ['id', 'fk.oid::int8', 'integer'],
  ['constraint_name', 'fk.conname', 'string'],
  ['source_schema', 'sn.nspname', 'string'],
  ['source_table_name', 'sc.relname', 'string'],
  ['source_column_name', 'sa.attname', 'string'],
  ['target_table_schema', 'tn.nspname', 'string'],
  ['target_table_name', 'tc.relname', 'string'],
  ['target_column_name', 'ta.attname', 'string'],
])

function tableObject(includeColumns: boolean): string {
  return jsonObjectSql([
    ['id', 'r.oid::int8', 'integer'],
    ['schema', 'r.nspname', 'string'],
    ['name', 'r.relname', 'string'],
    ['rls_enabled', 'r.relrowsecurity', 'boolean'],
    ['rls_forced', 'r.relforcerowsecurity', 'boolean'],
    [
      'replica_identity',
      "CASE r.relreplident WHEN 'd' THEN 'DEFAULT' WHEN 'i' THEN 'INDEX' WHEN 'f' THEN 'FULL' ELSE 'NOTHING' END",
      'string',
    ],
    ['bytes', 'sizes.bytes', 'integer'],
    ['size', 'pg_catalog.pg_size_pretty(sizes.bytes)', 'string'],
    ['live_rows_estimate', 'pg_catalog.pg_stat_get_live_tuples(r.oid)', 'integer'],
    ['dead_rows_estimate', 'pg_catalog.pg_stat_get_dead_tuples(r.oid)', 'integer'],
    ['comment', 'd.description', 'string'],
    ...(includeColumns ? ([['columns', "coalesce(cols.columns, '[]')", 'json']] as const) : []),
    ['primary_keys', "coalesce(pk.primary_keys, '[]')", 'json'],
    ['relationships', "coalesce(rel.relationships, '[]')", 'json'],
  ])
}

/**
 * pg-meta's tables (relkind r, p) as one catalog query returning the JSON array as text.
 * Parameters: $1 included schemas, $2 excluded schemas, $3 limit, $4 offset, $5 one table oid (or null).
 *
 * Unlike pg-meta, primary keys are listed in key order, and a composite foreign key yields one
 * relationship per column pair rather than every source × target column combination.
 */
function tablesSql(includeColumns: boolean): string {
  return /* sql */ `
WITH relations AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind, c.relowner,
    c.relrowsecurity, c.relforcerowsecurity, c.relreplident
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p')
    AND NOT pg_catalog.pg_is_other_temp_schema(n.oid)
    AND ${schemaFilterSql('n.nspname', 1, 2)}
    AND ($5::oid IS NULL OR c.oid = $5::oid)
    AND ${RELATION_VISIBLE_SQL}
  ORDER BY n.nspname, c.relname
  LIMIT $3 OFFSET $4
),
primary_keys_by_relation AS (
  SELECT r.oid AS relation_id, ${jsonArrayAggSql(PRIMARY_KEY_OBJECT, 'k.position')} AS primary_keys
  FROM relations r
  JOIN pg_catalog.pg_index i ON i.indrelid = r.oid AND i.indisprimary
  CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum = k.attnum
  GROUP BY r.oid
),
foreign_key_pairs AS (
  SELECT con.oid, con.conname, con.conrelid, con.confrelid, k.source_attnum, k.target_attnum, k.position
  FROM pg_catalog.pg_constraint con
  CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(source_attnum, target_attnum, position)
  WHERE con.contype = 'f'
    AND (con.conrelid IN (SELECT oid FROM relations) OR con.confrelid IN (SELECT oid FROM relations))
),
relationship_objects AS (
  SELECT fk.oid, fk.conrelid, fk.confrelid, fk.position, ${RELATIONSHIP_OBJECT} AS relationship
  FROM foreign_key_pairs fk
  JOIN pg_catalog.pg_class sc ON sc.oid = fk.conrelid
  JOIN pg_catalog.pg_namespace sn ON sn.oid = sc.relnamespace
  JOIN pg_catalog.pg_attribute sa ON sa.attrelid = fk.conrelid AND sa.attnum = fk.source_attnum
  JOIN pg_catalog.pg_class tc ON tc.oid = fk.confrelid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
  JOIN pg_catalog.pg_attribute ta ON ta.attrelid = fk.confrelid AND ta.attnum = fk.target_attnum
),
relationships_by_relation AS (
  SELECT relation_id, ${jsonArrayAggSql('relationship', 'oid, position')} AS relationships
  FROM (
    SELECT conrelid AS relation_id, oid, position, relationship FROM relationship_objects
    UNION ALL
    SELECT confrelid, oid, position, relationship FROM relationship_objects WHERE confrelid <> conrelid
  ) both_ends
  GROUP BY relation_id
),${includeColumns ? `${COLUMNS_CTES},` : ''}
-- a materialized CTE evaluates the size (a stat() of every fork of every relation) once per table
sizes AS MATERIALIZED (
  SELECT r.oid AS relation_id, pg_catalog.pg_total_relation_size(r.oid) AS bytes FROM relations r
)
SELECT ${jsonArrayAggSql(tableObject(includeColumns), 'r.nspname, r.relname')} AS body
FROM relations r
JOIN sizes ON sizes.relation_id = r.oid
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = r.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
LEFT JOIN primary_keys_by_relation pk ON pk.relation_id = r.oid
LEFT JOIN relationships_by_relation rel ON rel.relation_id = r.oid${
    includeColumns ? `\nLEFT JOIN columns_by_relation cols ON cols.relation_id = r.oid` : ''
  }`
}

export const TABLES_SQL = tablesSql(false)
export const TABLES_WITH_COLUMNS_SQL = tablesSql(true)

export function tablesQueryValues(query: PgListQuery, tableId: number | null = null): unknown[] {
  return [...schemaFilterParams(query), query.limit ?? null, query.offset ?? 0, tableId]
}

/** GET tables: a JSON array of pg-meta tables, as text. */
export function listTables(client: Client, query: PgListQuery): Promise<string> {
  return runCatalogJsonQuery(client, query.include_columns ? TABLES_WITH_COLUMNS_SQL : TABLES_SQL, tablesQueryValues(query))
}

/** GET tables/[id]: the table (columns included) as JSON text, or null when no visible table has this oid. */
export async function getTable(client: Client, tableId: number): Promise<string | null> {
  const body = await runCatalogJsonQuery(
    client,
    TABLES_WITH_COLUMNS_SQL,
    tablesQueryValues({ included_schemas: [], excluded_schemas: [], include_system_schemas: true, include_columns: true }, tableId),
    { listing: false }
  )
  // The array holds at most this one table.
  return body === '[]' ? null : body.slice(1, -1)
}
