import type { Client } from 'pg'
import type { PgPagedQuery } from '@multibase/api-contracts'

import { runCatalogJsonQuery } from './run-catalog-query'

/**
 * Settings whose value can carry a password or key: a standby's connection string and shell
 * commands (which may pass credentials inline). Their values come back masked, as nothing with a
 * password may leave the API.
 */
const SECRET_SETTINGS = ['primary_conninfo', 'ssl_passphrase_command', 'archive_command', 'restore_command']

/**
 * pg-meta's config: pg_settings ordered by category and name; an empty or `(disabled)` value of a
 * masked setting stays as it is. $1 limit, $2 offset, $3 masked names.
 */
const CONFIG_SQL = /* sql */ `
WITH settings AS (
  SELECT s.*, s.name = ANY ($3::text[]) AS masked
  FROM pg_catalog.pg_settings s
  ORDER BY s.category, s.name
  LIMIT $1 OFFSET $2
)
SELECT coalesce(json_agg(
  json_build_object(
    'name', s.name,
    'setting', CASE WHEN s.masked AND s.setting NOT IN ('', '(disabled)') THEN '********' ELSE s.setting END,
    'category', s.category,
    'group', trim(split_part(s.category, '/', 1)),
    'subgroup', trim(split_part(s.category, '/', 2)),
    'unit', s.unit,
    'short_desc', s.short_desc,
    'extra_desc', s.extra_desc,
    'context', s.context,
    'vartype', s.vartype,
    'source', s.source,
    'min_val', s.min_val,
    'max_val', s.max_val,
    'enumvals', s.enumvals,
    'boot_val', CASE WHEN s.masked AND s.boot_val NOT IN ('', '(disabled)') THEN '********' ELSE s.boot_val END,
    'reset_val', CASE WHEN s.masked AND s.reset_val NOT IN ('', '(disabled)') THEN '********' ELSE s.reset_val END,
    'sourcefile', s.sourcefile,
    'sourceline', s.sourceline,
    'pending_restart', s.pending_restart
  )
  ORDER BY s.category, s.name
), '[]'::json)::text AS body
FROM settings s`

export function listConfig(client: Client, query: PgPagedQuery): Promise<string> {
  return runCatalogJsonQuery(client, CONFIG_SQL, [query.limit ?? null, query.offset ?? 0, SECRET_SETTINGS], {
    listing: false,
    untouchedSettings: true,
  })
}
