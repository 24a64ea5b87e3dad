import type { Client } from 'pg'
import type { PgSchemaFilterQuery } from '@multibase/api-contracts'

import { schemaFilterParams, schemaFilterSql } from '../schema-filter'
import { RELATION_VISIBLE_SQL } from './columns-sql'
import { runCatalogJsonQuery } from './run-catalog-query'

/**
 * pg-meta's table privileges: every visible relation (tables, views, materialized views, foreign
 * and partitioned tables) with its ACL exploded into grants; no ACL means the owner's defaults.
 * PUBLIC is grantee oid 0. $1 included, $2 excluded schemas, $3 limit, $4 offset.
 */
const TABLE_PRIVILEGES_SQL = /* sql */ `
WITH relations AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind, c.relacl, c.relowner
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p')
    AND NOT pg_catalog.pg_is_other_temp_schema(n.oid)
    AND ${schemaFilterSql('n.nspname', 1, 2)}
    AND ${RELATION_VISIBLE_SQL}
  ORDER BY n.nspname, c.relname
  LIMIT $3 OFFSET $4
)
SELECT coalesce(json_agg(
  json_build_object(
    'relation_id', r.oid::int8,
    'schema', r.nspname,
    'name', r.relname,
    'kind', CASE r.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized_view'
      WHEN 'f' THEN 'foreign_table' WHEN 'p' THEN 'partitioned_table' END,
    'privileges', (
      SELECT coalesce(json_agg(json_build_object(
        'grantor', grantor.rolname,
        'grantee', CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE grantee.rolname END,
        'privilege_type', acl.privilege_type,
        'is_grantable', acl.is_grantable
      ) ORDER BY acl.ordinality), '[]'::json)
      FROM aclexplode(coalesce(r.relacl, pg_catalog.acldefault('r', r.relowner))) WITH ORDINALITY AS acl
      LEFT JOIN pg_catalog.pg_roles grantor ON grantor.oid = acl.grantor
      LEFT JOIN pg_catalog.pg_roles grantee ON grantee.oid = acl.grantee
    )
  )
  ORDER BY r.nspname, r.relname
), '[]'::json)::text AS body
FROM relations r`

export function listTablePrivileges(client: Client, query: PgSchemaFilterQuery): Promise<string> {
  return runCatalogJsonQuery(client, TABLE_PRIVILEGES_SQL, [...schemaFilterParams(query), query.limit ?? null, query.offset ?? 0])
}
