import type { Client } from 'pg'
import type { PgPagedQuery } from '@multibase/api-contracts'

import { runCatalogJsonQuery } from './run-catalog-query'

/**
 * pg-meta's publications; `tables` is null for a publication FOR ALL TABLES, else the tables it
 * names (tables it gets through FOR TABLES IN SCHEMA are not listed, as in pg-meta).
 * $1 limit, $2 offset.
 */
const PUBLICATIONS_SQL = /* sql */ `
WITH publications AS (
  SELECT * FROM pg_catalog.pg_publication ORDER BY pubname LIMIT $1 OFFSET $2
)
SELECT coalesce(json_agg(
  json_build_object(
    'id', p.oid::int8,
    'name', p.pubname,
    'owner', p.pubowner::regrole::text,
    'publish_insert', p.pubinsert,
    'publish_update', p.pubupdate,
    'publish_delete', p.pubdelete,
    'publish_truncate', p.pubtruncate,
    'tables', CASE WHEN p.puballtables THEN NULL ELSE (
      SELECT coalesce(json_agg(json_build_object('id', c.oid::int8, 'name', c.relname, 'schema', n.nspname)
        ORDER BY n.nspname, c.relname), '[]'::json)
      FROM pg_catalog.pg_publication_rel pr
      JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE pr.prpubid = p.oid
    ) END
  )
  ORDER BY p.pubname
), '[]'::json)::text AS body
FROM publications p`

export function listPublications(client: Client, query: PgPagedQuery): Promise<string> {
  return runCatalogJsonQuery(client, PUBLICATIONS_SQL, [query.limit ?? null, query.offset ?? 0])
}
