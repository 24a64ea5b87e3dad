import type { Client } from 'pg'
import type { PgRolesQuery } from '@multibase/api-contracts'

import { runCatalogJsonQuery } from './run-catalog-query'

/**
 * pg-meta's roles from pg_roles, whose rolpassword is always the mask `********` (the hash lives
 * in pg_authid, which is never read). Predefined `pg_*` roles only with include_default_roles ($1).
 * $2 limit, $3 offset. Connections are counted once per role instead of once per role and row.
 */
const ROLES_SQL = /* sql */ `
WITH activity AS (
  SELECT usesysid, count(*) AS connections FROM pg_catalog.pg_stat_activity WHERE usesysid IS NOT NULL GROUP BY usesysid
),
roles AS (
  SELECT * FROM pg_catalog.pg_roles
  WHERE $1::boolean OR NOT pg_catalog.starts_with(rolname, 'pg_')
  ORDER BY rolname
  LIMIT $2 OFFSET $3
)
SELECT coalesce(json_agg(
  json_build_object(
    'id', r.oid::int8,
    'name', r.rolname,
    'is_superuser', r.rolsuper,
    'can_create_db', r.rolcreatedb,
    'can_create_role', r.rolcreaterole,
    'inherit_role', r.rolinherit,
    'can_login', r.rolcanlogin,
    'is_replication_role', r.rolreplication,
    'can_bypass_rls', r.rolbypassrls,
    'active_connections', coalesce(a.connections, 0),
    'connection_limit', CASE WHEN r.rolconnlimit = -1 THEN current_setting('max_connections')::int8 ELSE r.rolconnlimit END,
    'password', r.rolpassword,
    'valid_until', r.rolvaliduntil,
    'config', r.rolconfig
  )
  ORDER BY r.rolname
), '[]'::json)::text AS body
FROM roles r
LEFT JOIN activity a ON a.usesysid = r.oid`

export function listRoles(client: Client, query: PgRolesQuery): Promise<string> {
  return runCatalogJsonQuery(client, ROLES_SQL, [query.include_default_roles, query.limit ?? null, query.offset ?? 0])
}
