import type { Client } from 'pg'
import type { PgListQuery } from '@multibase/api-contracts'

import { schemaFilterParams, schemaFilterSql } from '../schema-filter'
import { COLUMNS_CTES, RELATION_VISIBLE_SQL } from './columns-sql'
import { jsonArrayAggSql, jsonObjectSql } from './json-text-sql'
import { runCatalogJsonQuery } from './run-catalog-query'

function viewObject(includeColumns: boolean): string {
  return jsonObjectSql([
    ['id', 'r.oid::int8', 'integer'],
    ['schema', 'r.nspname', 'string'],
    ['name', 'r.relname', 'string'],
    // information_schema.views' rule: updatable means both UPDATE (4) and DELETE (16) work
    ['is_updatable', '(pg_catalog.pg_relation_is_updatable(r.oid, false) & 20) = 20', 'boolean'],
    ['comment', 'd.description', 'string'],
    ...(includeColumns ? ([['columns', "coalesce(cols.columns, '[]')", 'json']] as const) : []),
  ])
}

/** pg-meta's views (relkind v) as one catalog query; $1 included, $2 excluded schemas, $3 limit, $4 offset. */
function viewsSql(includeColumns: boolean): string {
  return /* sql */ `
WITH relations AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind, c.relowner
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'v'
    AND NOT pg_catalog.pg_is_other_temp_schema(n.oid)
    AND ${schemaFilterSql('n.nspname', 1, 2)}
    AND ${RELATION_VISIBLE_SQL}
  ORDER BY n.nspname, c.relname
  LIMIT $3 OFFSET $4
)${includeColumns ? `,${COLUMNS_CTES}` : ''}
SELECT ${jsonArrayAggSql(viewObject(includeColumns), 'r.nspname, r.relname')} AS body
FROM relations r
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = r.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0${
    includeColumns ? `\nLEFT JOIN columns_by_relation cols ON cols.relation_id = r.oid` : ''
  }`
}

const VIEWS_SQL = viewsSql(false)
const VIEWS_WITH_COLUMNS_SQL = viewsSql(true)

export function listViews(client: Client, query: PgListQuery): Promise<string> {
  return runCatalogJsonQuery(client, query.include_columns ? VIEWS_WITH_COLUMNS_SQL : VIEWS_SQL, [
    ...schemaFilterParams(query),
    query.limit ?? null,
    query.offset ?? 0,
  ])
}
