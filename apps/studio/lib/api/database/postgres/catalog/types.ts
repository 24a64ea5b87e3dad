import type { Client } from 'pg'
import type { PgTypesQuery } from '@multibase/api-contracts'

import { schemaFilterParams, schemaFilterSql } from '../schema-filter'
import { runCatalogJsonQuery } from './run-catalog-query'

/**
 * pg-meta's types: base, enum, domain, range and composite types; row types of tables, views and
 * materialized views only with $5 (include_table_types) and array types only with $6
 * (include_array_types; every array type then, an array of a row type too, as in pg-meta).
 * `type_relation_id` is the relation behind a row type (null otherwise); `attributes` are filled
 * for composite types only, as in pg-meta (a relation's columns are its `columns`).
 * $1 included, $2 excluded schemas, $3 limit, $4 offset.
 */
const TYPES_SQL = /* sql */ `
WITH types AS (
  SELECT t.oid, t.typname, n.nspname, t.typrelid, c.relkind
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
  WHERE (t.typrelid = 0 OR c.relkind = 'c' OR ($5::boolean AND c.relkind IN ('r', 'v', 'm', 'p')))
    AND ($6::boolean OR NOT EXISTS (
      SELECT FROM pg_catalog.pg_type element WHERE element.oid = t.typelem AND element.typarray = t.oid))
    AND ${schemaFilterSql('n.nspname', 1, 2)}
  ORDER BY n.nspname, t.typname
  LIMIT $3 OFFSET $4
)
SELECT coalesce(json_agg(
  json_build_object(
    'id', t.oid::int8,
    'name', t.typname,
    'schema', t.nspname,
    'format', pg_catalog.format_type(t.oid, NULL),
    'enums', coalesce(
      (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid),
      '[]'::json),
    'attributes', coalesce(
      (SELECT json_agg(json_build_object('name', a.attname, 'type_id', a.atttypid::int8) ORDER BY a.attnum)
       FROM pg_catalog.pg_attribute a
       WHERE t.relkind = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped),
      '[]'::json),
    'comment', d.description,
    'type_relation_id', nullif(t.typrelid::int8, 0)
  )
  ORDER BY t.nspname, t.typname
), '[]'::json)::text AS body
FROM types t
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0`

export function listTypes(client: Client, query: PgTypesQuery): Promise<string> {
  return runCatalogJsonQuery(client, TYPES_SQL, [
    ...schemaFilterParams(query),
    query.limit ?? null,
    query.offset ?? 0,
    query.include_table_types,
    query.include_array_types,
  ])
}
