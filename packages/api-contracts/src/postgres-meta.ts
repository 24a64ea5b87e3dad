import { z } from 'zod'

import { pgColumnSchema, pgExtensionsQuerySchema, pgListQuerySchema, queryBoolean } from './postgres'

/**
 * The pg-meta routes beyond tables/views/policies/triggers/types/extensions, with the query
 * parameters and response shapes of supabase/postgres-meta. Every route also takes `?connectionId=`.
 */

/** columns, functions, indexes, column-privileges, table-privileges: schema filter and paging. */
export const pgSchemaFilterQuerySchema = pgListQuerySchema.omit({ include_columns: true })
export type PgSchemaFilterQuery = z.infer<typeof pgSchemaFilterQuerySchema>

/** materialized-views: pg-meta leaves their columns out unless `include_columns=true`. */
export const pgMaterializedViewsQuerySchema = pgListQuerySchema.extend({ include_columns: queryBoolean(false) })
export type PgMaterializedViewsQuery = z.infer<typeof pgMaterializedViewsQuerySchema>

/** foreign-tables: columns included by default, as tables and views. */
export const pgForeignTablesQuerySchema = pgListQuerySchema
export type PgForeignTablesQuery = z.infer<typeof pgForeignTablesQuerySchema>

/** schemas: `pg_*` schemas (and information_schema) hidden unless `include_system_schemas=true`. */
export const pgSchemasQuerySchema = pgListQuerySchema.omit({ include_columns: true })
export type PgSchemasQuery = z.infer<typeof pgSchemasQuerySchema>

/** roles: predefined `pg_*` roles only with `include_default_roles=true`. */
export const pgRolesQuerySchema = pgExtensionsQuerySchema.extend({ include_default_roles: queryBoolean(false) })
export type PgRolesQuery = z.infer<typeof pgRolesQuerySchema>

/** publications and config: paging only. */
export const pgPagedQuerySchema = pgExtensionsQuerySchema
export type PgPagedQuery = z.infer<typeof pgPagedQuerySchema>

/** generators/typescript: pg-meta's schema lists and one-to-one detection. */
export const pgTypescriptQuerySchema = pgListQuerySchema.pick({ connectionId: true, included_schemas: true, excluded_schemas: true }).extend({
  detect_one_to_one_relationships: queryBoolean(false),
  postgrest_version: z
    .string()
    .regex(/^[0-9][0-9A-Za-z.]{0,19}$/, 'postgrest_version must be a version like 12.2.3')
    .optional(),
})
export type PgTypescriptQuery = z.infer<typeof pgTypescriptQuerySchema>

export const pgSchemaSchema = z.object({ id: z.number(), name: z.string(), owner: z.string() })
export type PgSchema = z.infer<typeof pgSchemaSchema>

export const pgRoleSchema = z.object({
  id: z.number(),
  name: z.string(),
  is_superuser: z.boolean(),
  can_create_db: z.boolean(),
  can_create_role: z.boolean(),
  inherit_role: z.boolean(),
  can_login: z.boolean(),
  is_replication_role: z.boolean(),
  can_bypass_rls: z.boolean(),
  active_connections: z.number(),
  connection_limit: z.number(),
  /** Always pg_roles' mask `********`: the hash is never read. */
  password: z.string(),
  valid_until: z.string().nullable(),
  /** rolconfig as stored: `name=value` entries. */
  config: z.array(z.string()).nullable(),
})
export type PgRole = z.infer<typeof pgRoleSchema>

export const pgFunctionArgSchema = z.object({
  mode: z.enum(['in', 'out', 'inout', 'variadic', 'table']),
  name: z.string(),
  type_id: z.number(),
  has_default: z.boolean(),
})

export const pgFunctionSchema = z.object({
  id: z.number(),
  schema: z.string(),
  name: z.string(),
  language: z.string(),
  definition: z.string(),
  complete_statement: z.string(),
  args: z.array(pgFunctionArgSchema),
  argument_types: z.string(),
  identity_argument_types: z.string(),
  return_type_id: z.number(),
  return_type: z.string(),
  return_type_relation_id: z.number().nullable(),
  is_set_returning_function: z.boolean(),
  prorows: z.number().nullable(),
  behavior: z.enum(['IMMUTABLE', 'STABLE', 'VOLATILE']),
  security_definer: z.boolean(),
  config_params: z.record(z.string()).nullable(),
})
export type PgFunction = z.infer<typeof pgFunctionSchema>

export const pgIndexSchema = z.object({
  id: z.number(),
  table_id: z.number(),
  schema: z.string(),
  number_of_attributes: z.number(),
  number_of_key_attributes: z.number(),
  is_unique: z.boolean(),
  is_primary: z.boolean(),
  is_exclusion: z.boolean(),
  is_immediate: z.boolean(),
  is_clustered: z.boolean(),
  is_valid: z.boolean(),
  check_xmin: z.boolean(),
  is_ready: z.boolean(),
  is_live: z.boolean(),
  is_replica_identity: z.boolean(),
  key_attributes: z.array(z.number()),
  collation: z.array(z.number()),
  class: z.array(z.number()),
  options: z.array(z.number()),
  index_predicate: z.string().nullable(),
  comment: z.string().nullable(),
  index_definition: z.string(),
  access_method: z.string(),
  index_attributes: z.array(z.object({ attribute_number: z.number(), attribute_name: z.string(), data_type: z.string() })),
})
export type PgIndex = z.infer<typeof pgIndexSchema>

export const pgMaterializedViewSchema = z.object({
  id: z.number(),
  schema: z.string(),
  name: z.string(),
  is_populated: z.boolean(),
  comment: z.string().nullable(),
  columns: z.array(pgColumnSchema).optional(),
})
export type PgMaterializedView = z.infer<typeof pgMaterializedViewSchema>

export const pgForeignTableSchema = z.object({
  id: z.number(),
  schema: z.string(),
  name: z.string(),
  comment: z.string().nullable(),
  columns: z.array(pgColumnSchema).optional(),
})
export type PgForeignTable = z.infer<typeof pgForeignTableSchema>

export const pgPublicationSchema = z.object({
  id: z.number(),
  name: z.string(),
  owner: z.string(),
  publish_insert: z.boolean(),
  publish_update: z.boolean(),
  publish_delete: z.boolean(),
  publish_truncate: z.boolean(),
  /** null for a publication FOR ALL TABLES. */
  tables: z.array(z.object({ id: z.number(), name: z.string(), schema: z.string() })).nullable(),
})
export type PgPublication = z.infer<typeof pgPublicationSchema>

const pgGrantSchema = z.object({ grantor: z.string(), grantee: z.string(), privilege_type: z.string(), is_grantable: z.boolean() })

export const pgColumnPrivilegesSchema = z.object({
  column_id: z.string(),
  relation_schema: z.string(),
  relation_name: z.string(),
  column_name: z.string(),
  privileges: z.array(pgGrantSchema),
})
export type PgColumnPrivileges = z.infer<typeof pgColumnPrivilegesSchema>

export const pgTablePrivilegesSchema = z.object({
  relation_id: z.number(),
  schema: z.string(),
  name: z.string(),
  kind: z.enum(['table', 'view', 'materialized_view', 'foreign_table', 'partitioned_table']),
  privileges: z.array(pgGrantSchema),
})
export type PgTablePrivileges = z.infer<typeof pgTablePrivilegesSchema>

export const pgConfigSchema = z.object({
  name: z.string(),
  setting: z.string().nullable(),
  category: z.string(),
  group: z.string(),
  subgroup: z.string(),
  unit: z.string().nullable(),
  short_desc: z.string().nullable(),
  extra_desc: z.string().nullable(),
  context: z.string(),
  vartype: z.string(),
  source: z.string().nullable(),
  min_val: z.string().nullable(),
  max_val: z.string().nullable(),
  enumvals: z.array(z.string()).nullable(),
  boot_val: z.string().nullable(),
  reset_val: z.string().nullable(),
  sourcefile: z.string().nullable(),
  sourceline: z.number().nullable(),
  pending_restart: z.boolean().nullable(),
})
export type PgConfig = z.infer<typeof pgConfigSchema>
