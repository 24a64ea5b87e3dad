import type { Client } from 'pg'
import type { PgSchemaListQuery } from '@multibase/api-contracts'

import { schemaFilterParams, schemaFilterSql } from '../schema-filter'
import { runCatalogJsonQuery } from './run-catalog-query'

/**
 * pg-meta's triggers, read from pg_trigger itself rather than information_schema.triggers (one row
 * per trigger instead of one per event, and TRUNCATE triggers are included). tgtype bits: 1 ROW,
 * 2 BEFORE, 4 INSERT, 8 DELETE, 16 UPDATE, 32 TRUNCATE, 64 INSTEAD OF. Internal triggers (foreign
 * key enforcement) are left out, as in information_schema.
 * $1 included, $2 excluded schemas, $3 limit, $4 offset.
 */
const TRIGGERS_SQL = /* sql */ `
WITH triggers AS (
  SELECT t.oid, t.tgrelid, t.tgname, t.tgenabled, t.tgtype, t.tgnargs, t.tgargs, t.tgqual,
    c.relname, n.nspname, p.proname, pn.nspname AS function_schema
  FROM pg_catalog.pg_trigger t
  JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
  JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
  WHERE NOT t.tgisinternal AND ${schemaFilterSql('n.nspname', 1, 2)}
  ORDER BY n.nspname, c.relname, t.tgname
  LIMIT $3 OFFSET $4
)
SELECT coalesce(json_agg(
  json_build_object(
    'id', t.oid::int8,
    'table_id', t.tgrelid::int8,
    'enabled_mode', CASE t.tgenabled
      WHEN 'D' THEN 'DISABLED' WHEN 'O' THEN 'ORIGIN' WHEN 'R' THEN 'REPLICA' WHEN 'A' THEN 'ALWAYS' END,
    -- tgargs holds the arguments NUL-separated; the escape encoding writes NUL as \\000
    'function_args', CASE WHEN t.tgnargs = 0 THEN '[]'::json
      ELSE to_json((string_to_array(encode(t.tgargs, 'escape'), '\\000'))[1:t.tgnargs]) END,
    'name', t.tgname,
    'table', t.relname,
    'schema', t.nspname,
    'condition', CASE WHEN t.tgqual IS NOT NULL THEN
      (regexp_match(pg_catalog.pg_get_triggerdef(t.oid), '.{35,} WHEN \\((.+)\\) EXECUTE (?:FUNCTION|PROCEDURE)'))[1] END,
    'orientation', CASE WHEN t.tgtype & 1 = 1 THEN 'ROW' ELSE 'STATEMENT' END,
    'activation', CASE WHEN t.tgtype & 2 = 2 THEN 'BEFORE' WHEN t.tgtype & 64 = 64 THEN 'INSTEAD OF' ELSE 'AFTER' END,
    'events', to_json(array_remove(ARRAY[
      CASE WHEN t.tgtype & 4 = 4 THEN 'INSERT' END,
      CASE WHEN t.tgtype & 16 = 16 THEN 'UPDATE' END,
      CASE WHEN t.tgtype & 8 = 8 THEN 'DELETE' END,
      CASE WHEN t.tgtype & 32 = 32 THEN 'TRUNCATE' END
    ], NULL)),
    'function_name', t.proname,
    'function_schema', t.function_schema
  )
  ORDER BY t.nspname, t.relname, t.tgname
), '[]'::json)::text AS body
FROM triggers t`

export function listTriggers(client: Client, query: PgSchemaListQuery): Promise<string> {
  return runCatalogJsonQuery(client, TRIGGERS_SQL, [...schemaFilterParams(query), query.limit ?? null, query.offset ?? 0])
}
