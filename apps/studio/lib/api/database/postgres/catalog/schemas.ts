import type { Client } from 'pg'
import type { PgSchemasQuery } from '@multibase/api-contracts'

import { schemaFilterParams, schemaFilterSql } from '../schema-filter'
import { runCatalogJsonQuery } from './run-catalog-query'

/**
 * pg-meta's schemas: those the user owns (or is a member of the owner) or may use or create in;
 * without include_system_schemas ($3) every `pg_*` schema is hidden too, temporary ones always.
 * $1 included, $2 excluded schemas, $4 limit, $5 offset.
 */
const SCHEMAS_SQL = /* sql */ `
WITH schemas AS (
  SELECT n.oid, n.nspname, u.rolname
  FROM pg_catalog.pg_namespace n
  JOIN pg_catalog.pg_roles u ON u.oid = n.nspowner
  WHERE ${schemaFilterSql('n.nspname', 1, 2)}
    AND ($3::boolean OR NOT pg_catalog.starts_with(n.nspname, 'pg_'))
    AND NOT pg_catalog.starts_with(n.nspname, 'pg_temp_')
    AND NOT pg_catalog.starts_with(n.nspname, 'pg_toast_temp_')
    AND (pg_catalog.pg_has_role(n.nspowner, 'USAGE') OR pg_catalog.has_schema_privilege(n.oid, 'CREATE, USAGE'))
  ORDER BY n.nspname
  LIMIT $4 OFFSET $5
)
SELECT coalesce(json_agg(
  json_build_object('id', s.oid::int8, 'name', s.nspname, 'owner', s.rolname)
  ORDER BY s.nspname
), '[]'::json)::text AS body
FROM schemas s`

export function listSchemas(client: Client, query: PgSchemasQuery): Promise<string> {
  return runCatalogJsonQuery(client, SCHEMAS_SQL, [
    ...schemaFilterParams(query),
    query.include_system_schemas,
    query.limit ?? null,
    query.offset ?? 0,
  ])
}
