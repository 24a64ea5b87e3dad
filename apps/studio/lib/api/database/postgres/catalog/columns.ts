import type { Client } from 'pg'
import type { PgSchemaFilterQuery } from '@multibase/api-contracts'

import { schemaFilterParams, schemaFilterSql } from '../schema-filter'
import { COLUMN_OBJECT, COLUMN_ROWS_FROM_SQL, COLUMN_SUPPORT_CTES } from './columns-sql'
import { jsonArrayAggSql } from './json-text-sql'
import { runCatalogJsonQuery } from './run-catalog-query'

/**
 * pg-meta's columns of every relation kind it knows (tables, views, materialized views, foreign
 * tables, partitioned tables), the same objects as tables' `columns`; limit and offset page the
 * columns themselves. $1 included, $2 excluded schemas, $3 limit, $4 offset.
 */
const COLUMNS_SQL = /* sql */ `
WITH relations AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind, c.relowner
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p')
    AND NOT pg_catalog.pg_is_other_temp_schema(n.oid)
    AND ${schemaFilterSql('n.nspname', 1, 2)}
),${COLUMN_SUPPORT_CTES},
column_rows AS (
  SELECT r.nspname, r.relname, a.attnum, ${COLUMN_OBJECT} AS item
${COLUMN_ROWS_FROM_SQL}
  ORDER BY r.nspname, r.relname, a.attnum
  LIMIT $3 OFFSET $4
)
SELECT ${jsonArrayAggSql('item', 'nspname, relname, attnum')} AS body FROM column_rows`

export function listColumns(client: Client, query: PgSchemaFilterQuery): Promise<string> {
  return runCatalogJsonQuery(client, COLUMNS_SQL, [...schemaFilterParams(query), query.limit ?? null, query.offset ?? 0])
}
