import type { Client } from 'pg'
import type { PgSchemaFilterQuery } from '@multibase/api-contracts'

import { schemaFilterParams, schemaFilterSql } from '../schema-filter'
import { runCatalogJsonQuery } from './run-catalog-query'

/**
 * pg-meta's column privileges, after information_schema.column_privileges (materialized views
 * included): a column's grants are its relation's INSERT/SELECT/UPDATE/REFERENCES grants plus its
 * own column grants, shown when the grantor or grantee is a role of the user or the grantee is
 * PUBLIC (oid 0). Columns without any such grant are left out. Role names come from pg_roles, so
 * no superuser-only catalog is needed. $1 included, $2 excluded schemas, $3 limit, $4 offset.
 */
const COLUMN_PRIVILEGES_SQL = /* sql */ `
WITH relations AS (
  SELECT c.oid, n.nspname, c.relname, c.relacl, c.relowner
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') AND ${schemaFilterSql('n.nspname', 1, 2)}
),
grants AS (
  SELECT r.oid AS relation_id, a.attnum, acl.grantor, acl.grantee, acl.privilege_type, acl.is_grantable
  FROM relations r
  JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  CROSS JOIN LATERAL aclexplode(coalesce(r.relacl, pg_catalog.acldefault('r', r.relowner))) AS acl
  UNION
  SELECT r.oid, a.attnum, acl.grantor, acl.grantee, acl.privilege_type, acl.is_grantable
  FROM relations r
  JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
  CROSS JOIN LATERAL aclexplode(a.attacl) AS acl
),
visible_grants AS (
  SELECT g.relation_id, g.attnum, grantor.rolname AS grantor, coalesce(grantee.rolname, 'PUBLIC') AS grantee,
    g.privilege_type, g.is_grantable
  FROM grants g
  JOIN pg_catalog.pg_roles grantor ON grantor.oid = g.grantor
  LEFT JOIN pg_catalog.pg_roles grantee ON grantee.oid = g.grantee
  WHERE g.privilege_type IN ('INSERT', 'SELECT', 'UPDATE', 'REFERENCES')
    AND (g.grantee = 0 OR grantee.oid IS NOT NULL)
    -- CASE, not OR: pg_has_role fails on oid 0 and OR does not promise an evaluation order
    AND CASE WHEN g.grantee = 0 THEN true
      ELSE pg_catalog.pg_has_role(g.grantor, 'USAGE') OR pg_catalog.pg_has_role(g.grantee, 'USAGE') END
),
columns AS (
  SELECT r.nspname, r.relname, a.attnum, a.attname, r.oid,
    json_agg(json_build_object(
      'grantor', g.grantor, 'grantee', g.grantee, 'privilege_type', g.privilege_type, 'is_grantable', g.is_grantable
    ) ORDER BY g.grantee, g.privilege_type, g.grantor) AS privileges
  FROM visible_grants g
  JOIN relations r ON r.oid = g.relation_id
  JOIN pg_catalog.pg_attribute a ON a.attrelid = g.relation_id AND a.attnum = g.attnum
  GROUP BY r.nspname, r.relname, a.attnum, a.attname, r.oid
  ORDER BY r.nspname, r.relname, a.attnum
  LIMIT $3 OFFSET $4
)
SELECT coalesce(json_agg(
  json_build_object(
    'column_id', c.oid::text || '.' || c.attnum::text,
    'relation_schema', c.nspname,
    'relation_name', c.relname,
    'column_name', c.attname,
    'privileges', c.privileges
  )
  ORDER BY c.nspname, c.relname, c.attnum
), '[]'::json)::text AS body
FROM columns c`

export function listColumnPrivileges(client: Client, query: PgSchemaFilterQuery): Promise<string> {
  return runCatalogJsonQuery(client, COLUMN_PRIVILEGES_SQL, [...schemaFilterParams(query), query.limit ?? null, query.offset ?? 0])
}
