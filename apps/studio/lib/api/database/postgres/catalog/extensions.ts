import type { Client } from 'pg'
import type { PgExtensionsQuery } from '@multibase/api-contracts'

import { runCatalogJsonQuery } from './run-catalog-query'

/** pg-meta's extensions: every available extension, with its schema and version once installed. */
const EXTENSIONS_SQL = /* sql */ `
WITH extensions AS (
  SELECT e.name, n.nspname AS schema, e.default_version, x.extversion AS installed_version, e.comment
  FROM pg_catalog.pg_available_extensions() AS e(name, default_version, comment)
  LEFT JOIN pg_catalog.pg_extension x ON x.extname = e.name
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace
  ORDER BY e.name
  LIMIT $1 OFFSET $2
)
SELECT coalesce(json_agg(
  json_build_object(
    'name', name,
    'schema', schema,
    'default_version', default_version,
    'installed_version', installed_version,
    'comment', comment
  )
  ORDER BY name
), '[]'::json)::text AS body
FROM extensions`

export function listExtensions(client: Client, query: PgExtensionsQuery): Promise<string> {
  return runCatalogJsonQuery(client, EXTENSIONS_SQL, [query.limit ?? null, query.offset ?? 0])
}
