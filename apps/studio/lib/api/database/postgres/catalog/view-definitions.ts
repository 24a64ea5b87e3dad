import type { Client } from 'pg'

import { schemaFilterParams, schemaFilterSql, type SchemaFilterInput } from '../schema-filter'
import { runCatalogJsonQuery } from './run-catalog-query'

/** A view or materialized view with its query tree, to see which table columns it shows. */
export interface PgViewDefinition {
  id: number
  schema: string
  name: string
  /** pg_rewrite.ev_action of the `_RETURN` rule as text. */
  definition: string
  /** Column names by attnum - 1. */
  columns: string[]
}

/** Views and materialized views of the filtered schemas. $1 included, $2 excluded schemas. */
const VIEW_DEFINITIONS_SQL = /* sql */ `
SELECT coalesce(json_agg(
  json_build_object(
    'id', c.oid::int8,
    'schema', n.nspname,
    'name', c.relname,
    'definition', r.ev_action::text,
    'columns', (SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_catalog.pg_attribute a
      WHERE a.attrelid = c.oid AND a.attnum > 0)
  )
  ORDER BY n.nspname, c.relname
), '[]'::json)::text AS body
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_rewrite r ON r.ev_class = c.oid AND r.rulename = '_RETURN'
WHERE c.relkind IN ('v', 'm') AND ${schemaFilterSql('n.nspname', 1, 2)}`

export async function listViewDefinitions(client: Client, filter: SchemaFilterInput): Promise<PgViewDefinition[]> {
  return JSON.parse(await runCatalogJsonQuery(client, VIEW_DEFINITIONS_SQL, schemaFilterParams(filter))) as PgViewDefinition[]
}
