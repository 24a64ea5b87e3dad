import type { Client } from 'pg'
import type { PgSchemaFilterQuery } from '@multibase/api-contracts'

import { schemaFilterParams, schemaFilterSql } from '../schema-filter'
import { runCatalogJsonQuery } from './run-catalog-query'

/**
 * pg-meta's functions (prokind 'f': no procedures, aggregates or window functions). `args` lists
 * every argument, OUT and TABLE ones included, in declaration order; `has_default` marks the last
 * pronargdefaults input arguments (pg-meta pairs the defaults with all arguments, which misplaces
 * them when OUT arguments come first). Internal-language functions have an empty definition and
 * their C symbol as complete_statement. $1 included, $2 excluded schemas, $3 limit, $4 offset.
 */
const FUNCTIONS_SQL = /* sql */ `
WITH functions AS (
  SELECT p.oid, p.proname, p.prosrc, p.proretset, p.prorows, p.provolatile, p.prosecdef, p.proconfig,
    p.prorettype, p.pronargs, p.pronargdefaults, p.proargmodes, p.proargnames,
    coalesce(p.proallargtypes, p.proargtypes::oid[]) AS arg_types,
    n.nspname, l.lanname
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_catalog.pg_language l ON l.oid = p.prolang
  WHERE p.prokind = 'f' AND ${schemaFilterSql('n.nspname', 1, 2)}
  ORDER BY n.nspname, p.proname, p.oid
  LIMIT $3 OFFSET $4
)
SELECT coalesce(json_agg(
  json_build_object(
    'id', f.oid::int8,
    'schema', f.nspname,
    'name', f.proname,
    'language', f.lanname,
    'definition', CASE WHEN f.lanname = 'internal' THEN '' ELSE f.prosrc END,
    'complete_statement', CASE WHEN f.lanname = 'internal' THEN f.prosrc ELSE pg_catalog.pg_get_functiondef(f.oid) END,
    'args', (
      SELECT coalesce(json_agg(json_build_object(
        'mode', CASE arg.mode WHEN 'i' THEN 'in' WHEN 'o' THEN 'out' WHEN 'b' THEN 'inout' WHEN 'v' THEN 'variadic' ELSE 'table' END,
        'name', arg.name,
        'type_id', arg.type_id::int8,
        'has_default', arg.mode IN ('i', 'b', 'v') AND arg.input_position > f.pronargs - f.pronargdefaults
      ) ORDER BY arg.position), '[]'::json)
      FROM (
        SELECT a.position, a.type_id, a.mode, coalesce(f.proargnames[a.position], '') AS name,
          count(*) FILTER (WHERE a.mode IN ('i', 'b', 'v')) OVER (ORDER BY a.position) AS input_position
        FROM (
          SELECT t.position, t.type_id, coalesce(f.proargmodes[t.position]::text, 'i') AS mode
          FROM unnest(f.arg_types) WITH ORDINALITY AS t(type_id, position)
        ) a
      ) arg
    ),
    'argument_types', pg_catalog.pg_get_function_arguments(f.oid),
    'identity_argument_types', pg_catalog.pg_get_function_identity_arguments(f.oid),
    'return_type_id', f.prorettype::int8,
    'return_type', pg_catalog.pg_get_function_result(f.oid),
    'return_type_relation_id', nullif(rt.typrelid::int8, 0),
    'is_set_returning_function', f.proretset,
    'prorows', CASE WHEN f.proretset THEN nullif(f.prorows, 0) END,
    'behavior', CASE f.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE' ELSE 'VOLATILE' END,
    'security_definer', f.prosecdef,
    -- proconfig entries are name=value; the value may itself contain '='
    'config_params', (
      SELECT json_object_agg(split_part(entry, '=', 1), substr(entry, strpos(entry, '=') + 1))
      FROM unnest(f.proconfig) AS entry
    )
  )
  ORDER BY f.nspname, f.proname, f.oid
), '[]'::json)::text AS body
FROM functions f
LEFT JOIN pg_catalog.pg_type rt ON rt.oid = f.prorettype`

export function listFunctions(client: Client, query: PgSchemaFilterQuery): Promise<string> {
  return runCatalogJsonQuery(client, FUNCTIONS_SQL, [...schemaFilterParams(query), query.limit ?? null, query.offset ?? 0])
}
