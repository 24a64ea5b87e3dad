import { PG_SYSTEM_SCHEMAS } from '@multibase/api-contracts'

export interface SchemaFilterInput {
  included_schemas: string[]
  excluded_schemas: string[]
  include_system_schemas: boolean
}

/**
 * pg-meta's schema filter as two query parameters: the included list (null = any schema) and the
 * excluded list (the system schemas unless asked for, plus `excluded_schemas`). Catalog SQL uses
 * them as `($n::text[] IS NULL OR nspname = ANY($n)) AND nspname <> ALL($m)`.
 */
export function schemaFilterParams(input: SchemaFilterInput): [string[] | null, string[]] {
  if (input.included_schemas.length > 0) return [input.included_schemas, []]
  const excluded = input.include_system_schemas ? [...input.excluded_schemas] : [...PG_SYSTEM_SCHEMAS, ...input.excluded_schemas]
  return [null, excluded]
}

export const schemaFilterSql = (column: string, includedParam: number, excludedParam: number) =>
  `($${includedParam}::text[] IS NULL OR ${column} = ANY($${includedParam}::text[])) AND ${column} <> ALL($${excludedParam}::text[])`
