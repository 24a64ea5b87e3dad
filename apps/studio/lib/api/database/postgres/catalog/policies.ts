import type { Client } from 'pg'
import type { PgSchemaListQuery } from '@multibase/api-contracts'

import { schemaFilterParams, schemaFilterSql } from '../schema-filter'
import { runCatalogJsonQuery } from './run-catalog-query'

/** pg-meta's row-level security policies; $1 included, $2 excluded schemas, $3 limit, $4 offset. */
const POLICIES_SQL = /* sql */ `
WITH policies AS (
  SELECT pol.oid, pol.polname, pol.polpermissive, pol.polroles, pol.polcmd, pol.polqual, pol.polwithcheck,
    pol.polrelid, c.relname, n.nspname
  FROM pg_catalog.pg_policy pol
  JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE ${schemaFilterSql('n.nspname', 1, 2)}
  ORDER BY n.nspname, c.relname, pol.polname
  LIMIT $3 OFFSET $4
)
SELECT coalesce(json_agg(
  json_build_object(
    'id', p.oid::int8,
    'schema', p.nspname,
    'table', p.relname,
    'table_id', p.polrelid::int8,
    'name', p.polname,
    'action', CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END,
    -- role oid 0 stands for PUBLIC
    'roles', CASE WHEN p.polroles = '{0}'::oid[] THEN json_build_array('public')
      ELSE (SELECT coalesce(json_agg(rolname ORDER BY rolname), '[]'::json)
            FROM pg_catalog.pg_roles WHERE oid = ANY (p.polroles)) END,
    'command', CASE p.polcmd
      WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' WHEN '*' THEN 'ALL' END,
    'definition', pg_catalog.pg_get_expr(p.polqual, p.polrelid),
    'check', pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)
  )
  ORDER BY p.nspname, p.relname, p.polname
), '[]'::json)::text AS body
FROM policies p`

export function listPolicies(client: Client, query: PgSchemaListQuery): Promise<string> {
  return runCatalogJsonQuery(client, POLICIES_SQL, [...schemaFilterParams(query), query.limit ?? null, query.offset ?? 0])
}
