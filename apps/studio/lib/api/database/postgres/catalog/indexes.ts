import type { Client } from 'pg'
import type { PgSchemaFilterQuery } from '@multibase/api-contracts'

import { schemaFilterParams, schemaFilterSql } from '../schema-filter'
import { runCatalogJsonQuery } from './run-catalog-query'

/**
 * pg-meta's indexes, the schema being the index's. `index_attributes` are the index's own columns
 * (position, name, stored type). pg-meta keeps only the positions that also appear among the
 * table column numbers in indkey, and drops an index with none (e.g. an index on a table's third
 * column alone); here every index and all its columns are listed. The definition comes from pg_get_indexdef rather
 * than a name match in pg_indexes (which pairs same-named indexes of different schemas). $1 included, $2 excluded schemas, $3 limit, $4 offset.
 */
const INDEXES_SQL = /* sql */ `
WITH indexes AS (
  SELECT i.*, c.relname, n.nspname, am.amname
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_am am ON am.oid = c.relam
  WHERE ${schemaFilterSql('n.nspname', 1, 2)}
  ORDER BY n.nspname, c.relname
  LIMIT $3 OFFSET $4
)
SELECT coalesce(json_agg(
  json_build_object(
    'id', i.indexrelid::int8,
    'table_id', i.indrelid::int8,
    'schema', i.nspname,
    'number_of_attributes', i.indnatts,
    'number_of_key_attributes', i.indnkeyatts,
    'is_unique', i.indisunique,
    'is_primary', i.indisprimary,
    'is_exclusion', i.indisexclusion,
    'is_immediate', i.indimmediate,
    'is_clustered', i.indisclustered,
    'is_valid', i.indisvalid,
    'check_xmin', i.indcheckxmin,
    'is_ready', i.indisready,
    'is_live', i.indislive,
    'is_replica_identity', i.indisreplident,
    'key_attributes', i.indkey::int2[],
    'collation', i.indcollation::oid[]::int8[],
    'class', i.indclass::oid[]::int8[],
    'options', i.indoption::int2[],
    'index_predicate', i.indpred::text,
    'comment', d.description,
    'index_definition', pg_catalog.pg_get_indexdef(i.indexrelid),
    'access_method', i.amname,
    'index_attributes', (
      SELECT coalesce(json_agg(json_build_object(
        'attribute_number', a.attnum,
        'attribute_name', a.attname,
        'data_type', pg_catalog.format_type(a.atttypid, a.atttypmod)
      ) ORDER BY a.attnum), '[]'::json)
      FROM pg_catalog.pg_attribute a
      WHERE a.attrelid = i.indexrelid AND a.attnum > 0
    )
  )
  ORDER BY i.nspname, i.relname
), '[]'::json)::text AS body
FROM indexes i
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = i.indexrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0`

export function listIndexes(client: Client, query: PgSchemaFilterQuery): Promise<string> {
  return runCatalogJsonQuery(client, INDEXES_SQL, [...schemaFilterParams(query), query.limit ?? null, query.offset ?? 0])
}
