import type { Client } from 'pg'

import { schemaFilterParams, schemaFilterSql, type SchemaFilterInput } from '../schema-filter'
import { COLUMNS_CTES, RELATION_VISIBLE_SQL } from './columns-sql'
import { jsonArrayAggSql, jsonObjectSql, type JsonField } from './json-text-sql'
import { runCatalogJsonQuery } from './run-catalog-query'

export interface RelationListQuery extends SchemaFilterInput {
  include_columns: boolean
  limit?: number
  offset?: number
}

/**
 * One catalog query listing the visible relations of one relkind (materialized views 'm', foreign
 * tables 'f') as pg-meta objects of `fields` (over `r`, the relation, and `d`, its comment), with
 * their columns when asked. $1 included, $2 excluded schemas, $3 limit, $4 offset.
 */
function relationsOfKindSql(relkind: 'm' | 'f', fields: readonly JsonField[], includeColumns: boolean): string {
  const object = jsonObjectSql([...fields, ...(includeColumns ? ([['columns', "coalesce(cols.columns, '[]')", 'json']] as const) : [])])
  return /* sql */ `
WITH relations AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind, c.relowner, c.relispopulated
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = '${relkind}'
    AND NOT pg_catalog.pg_is_other_temp_schema(n.oid)
    AND ${schemaFilterSql('n.nspname', 1, 2)}
    AND ${RELATION_VISIBLE_SQL}
  ORDER BY n.nspname, c.relname
  LIMIT $3 OFFSET $4
)${includeColumns ? `,${COLUMNS_CTES}` : ''}
SELECT ${jsonArrayAggSql(object, 'r.nspname, r.relname')} AS body
FROM relations r
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = r.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0${
    includeColumns ? `\nLEFT JOIN columns_by_relation cols ON cols.relation_id = r.oid` : ''
  }`
}

/** Builds both variants (with and without columns) once, and a lister choosing between them. */
export function relationsOfKindLister(relkind: 'm' | 'f', fields: readonly JsonField[]) {
  const withColumns = relationsOfKindSql(relkind, fields, true)
  const withoutColumns = relationsOfKindSql(relkind, fields, false)
  return (client: Client, query: RelationListQuery): Promise<string> =>
    runCatalogJsonQuery(client, query.include_columns ? withColumns : withoutColumns, [
      ...schemaFilterParams(query),
      query.limit ?? null,
      query.offset ?? 0,
    ])
}
