import * as c from '@multibase/api-contracts'
import { z, type ZodTypeAny } from 'zod'

import type { Permission } from '../authorization'

/**
 * Every API route with what its callers need to know: one entry per route file under pages/api
 * (template as the router names it), one operation per method. The OpenAPI document, its docs page
 * and the README's route table are checked against this list, and this list against pages/api: a
 * new route without an entry here fails tests/unit/openapi-coverage.test.ts by name.
 */
export type DocumentedMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface OperationDoc {
  summary: string
  /** The member permission the route checks; `metrics-token` for the Prometheus scrape. */
  permission: Permission | 'metrics-token'
  query?: ZodTypeAny
  body?: ZodTypeAny
  response?: ZodTypeAny
  /** Success status when not 200. */
  status?: number
  /** The success body is not JSON (a download, Prometheus text). */
  contentType?: string
}

export type RouteDoc = Partial<Record<DocumentedMethod, OperationDoc>>

const connectionIdQuery = z.object({ connectionId: z.string().uuid().optional() }).strict()
const idQuery = z.object({ id: z.string().uuid() }).strict()

/** The three engines' connection routes have the same shape. */
function connectionRoutes(type: c.DatabaseType, label: string): Record<string, RouteDoc> {
  const base = `/api/platform/${type}/[ref]/connections`
  return {
    [base]: {
      GET: { summary: `List the project's ${label} connections (no secrets)`, permission: 'read', response: z.array(c.connectionSchema) },
      POST: { summary: `Add a ${label} connection; its password is stored encrypted`, permission: 'admin', body: c.createConnectionSchema(type), response: c.connectionSchema, status: 201 },
    },
    [`${base}/[id]`]: {
      GET: { summary: `Read one ${label} connection (no secrets)`, permission: 'read', query: idQuery, response: c.connectionSchema },
      PUT: { summary: `Change a ${label} connection; its pools are replaced`, permission: 'admin', query: idQuery, body: c.updateConnectionSchema(type), response: c.connectionSchema },
      DELETE: { summary: `Remove a ${label} connection and close its pools`, permission: 'admin', query: idQuery, response: c.connectionDeletedSchema },
    },
    [`${base}/[id]/test`]: {
      POST: { summary: `Connect to a saved ${label} connection and report latency and version`, permission: 'admin', query: idQuery, response: c.connectionTestResultSchema },
    },
  }
}

const mongo = '/api/platform/mongodb/[ref]/databases'
const coll = `${mongo}/[db]/collections/[coll]`
const pg = '/api/platform/pg-meta/[ref]'
const redis = '/api/platform/redis/[ref]'
const project = '/api/platform/projects/[ref]'

export const API_ROUTES: Record<string, RouteDoc> = {
  '/api/health': { GET: { summary: 'Liveness and platform database reachability (503 while draining)', permission: 'none' } },
  '/api/version': { GET: { summary: 'Studio version', permission: 'none' } },
  '/api/config': { GET: { summary: 'Public Studio configuration the UI starts from', permission: 'none', response: c.studioConfigSchema } },
  '/api/metrics': {
    GET: { summary: 'Prometheus metrics of this instance (Bearer METRICS_TOKEN; 404 when unset)', permission: 'metrics-token', contentType: 'text/plain; version=0.0.4' },
  },
  '/api/platform/openapi.json': { GET: { summary: 'This OpenAPI 3.1 document', permission: 'none' } },
  '/api/platform/profile': { GET: { summary: "The caller's profile", permission: 'none', response: c.profileSchema } },
  '/api/platform/organizations': {
    GET: { summary: "The caller's organizations", permission: 'none', response: z.array(c.organizationSummarySchema) },
    POST: { summary: 'Create an organization owned by the caller', permission: 'write', body: c.createOrganizationSchema, status: 201 },
  },
  '/api/platform/projects': {
    GET: { summary: 'Projects the caller is a member of', permission: 'none', response: z.array(c.projectSummarySchema) },
    POST: { summary: 'Create a project in one of the caller\'s organizations', permission: 'write', body: c.createProjectSchema, response: c.createdProjectSchema, status: 201 },
  },
  [project]: { GET: { summary: 'One project with the caller\'s role', permission: 'read', response: c.projectDetailSchema } },
  [`${project}/audit`]: { GET: { summary: 'Audit log: data changes, admin actions and denials', permission: 'admin', query: c.auditListQuerySchema, response: c.auditListResponseSchema } },
  [`${project}/members`]: {
    GET: { summary: 'Members of the project and their roles', permission: 'admin' },
    POST: { summary: 'Add a member with a role', permission: 'admin', body: c.addMemberSchema, status: 201 },
    PATCH: { summary: "Change a member's role", permission: 'admin', body: c.updateMemberSchema },
    DELETE: { summary: 'Remove a member', permission: 'admin', body: c.removeMemberSchema },
  },
  [`${project}/pool-stats`]: { GET: { summary: "This instance's connection pools for the project", permission: 'admin' } },
  [`${project}/jobs/[id]`]: { GET: { summary: 'A job\'s state and progress (readable from any instance)', permission: 'read', query: idQuery, response: c.jobStatusSchema } },
  [`${project}/jobs/[id]/cancel`]: { POST: { summary: 'Cancel a job; it stops at its next batch boundary', permission: 'write', query: idQuery, response: c.jobStatusSchema } },

  ...connectionRoutes('postgres', 'Postgres'),
  ...connectionRoutes('redis', 'Redis'),
  ...connectionRoutes('mongodb', 'MongoDB'),

  [`${pg}/query`]: { POST: { summary: 'Run SQL (read_only members under the read-only login), with timeout and row/byte limits', permission: 'read', query: connectionIdQuery, body: c.pgQueryBodySchema, response: c.pgQueryResultSchema } },
  [`${pg}/schemas`]: { GET: { summary: 'Schemas', permission: 'read', query: c.pgSchemasQuerySchema, response: z.array(c.pgSchemaSchema) } },
  [`${pg}/tables`]: { GET: { summary: 'Tables with columns, keys and relationships', permission: 'read', query: c.pgListQuerySchema, response: z.array(c.pgTableSchema) } },
  [`${pg}/tables/[id]`]: { GET: { summary: 'One table by id', permission: 'read', query: c.pgTableQuerySchema, response: c.pgTableSchema } },
  [`${pg}/tables/[id]/rows`]: { GET: { summary: "A page of a table's rows, filtered and sorted, values exact", permission: 'read', query: c.pgRowsQuerySchema, response: c.pgRowsResultSchema } },
  [`${pg}/tables/[id]/row`]: {
    GET: { summary: 'One row by primary key', permission: 'read', query: c.pgRowAddressQuerySchema, response: c.pgRowResultSchema },
    POST: { summary: 'Insert a row', permission: 'write', query: c.pgRowInsertQuerySchema, body: c.pgRowValuesBodySchema, response: c.pgRowResultSchema },
    PUT: { summary: 'Update a row by primary key (same as PATCH)', permission: 'write', query: c.pgRowAddressQuerySchema, body: c.pgRowValuesBodySchema, response: c.pgRowResultSchema },
    PATCH: { summary: 'Update a row by primary key', permission: 'write', query: c.pgRowAddressQuerySchema, body: c.pgRowValuesBodySchema, response: c.pgRowResultSchema },
    DELETE: { summary: 'Delete a row by primary key', permission: 'write', query: c.pgRowAddressQuerySchema },
  },
  [`${pg}/columns`]: { GET: { summary: 'Columns', permission: 'read', query: c.pgSchemaFilterQuerySchema, response: z.array(c.pgColumnSchema) } },
  [`${pg}/views`]: { GET: { summary: 'Views', permission: 'read', query: c.pgListQuerySchema, response: z.array(c.pgViewSchema) } },
  [`${pg}/materialized-views`]: { GET: { summary: 'Materialized views', permission: 'read', query: c.pgMaterializedViewsQuerySchema, response: z.array(c.pgMaterializedViewSchema) } },
  [`${pg}/foreign-tables`]: { GET: { summary: 'Foreign tables', permission: 'read', query: c.pgForeignTablesQuerySchema, response: z.array(c.pgForeignTableSchema) } },
  [`${pg}/functions`]: { GET: { summary: 'Functions', permission: 'read', query: c.pgSchemaFilterQuerySchema, response: z.array(c.pgFunctionSchema) } },
  [`${pg}/indexes`]: { GET: { summary: 'Indexes', permission: 'read', query: c.pgSchemaFilterQuerySchema, response: z.array(c.pgIndexSchema) } },
  [`${pg}/policies`]: { GET: { summary: 'Row-level security policies', permission: 'read', query: c.pgSchemaListQuerySchema, response: z.array(c.pgPolicySchema) } },
  [`${pg}/triggers`]: { GET: { summary: 'Triggers', permission: 'read', query: c.pgSchemaListQuerySchema, response: z.array(c.pgTriggerSchema) } },
  [`${pg}/types`]: { GET: { summary: 'Enum and composite types', permission: 'read', query: c.pgTypesQuerySchema, response: z.array(c.pgTypeSchema) } },
  [`${pg}/extensions`]: { GET: { summary: 'Extensions', permission: 'read', query: c.pgExtensionsQuerySchema, response: z.array(c.pgExtensionSchema) } },
  [`${pg}/roles`]: { GET: { summary: 'Database roles', permission: 'read', query: c.pgRolesQuerySchema, response: z.array(c.pgRoleSchema) } },
  [`${pg}/publications`]: { GET: { summary: 'Publications', permission: 'read', query: c.pgPagedQuerySchema, response: z.array(c.pgPublicationSchema) } },
  [`${pg}/config`]: { GET: { summary: 'Server settings (pg_settings)', permission: 'read', query: c.pgPagedQuerySchema, response: z.array(c.pgConfigSchema) } },
  [`${pg}/column-privileges`]: { GET: { summary: 'Column privileges', permission: 'read', query: c.pgSchemaFilterQuerySchema, response: z.array(c.pgColumnPrivilegesSchema) } },
  [`${pg}/table-privileges`]: { GET: { summary: 'Table privileges', permission: 'read', query: c.pgSchemaFilterQuerySchema, response: z.array(c.pgTablePrivilegesSchema) } },
  [`${pg}/generators/typescript`]: { GET: { summary: 'TypeScript types generated from the schemas', permission: 'read', query: c.pgTypescriptQuerySchema } },

  [`${redis}/keys`]: { GET: { summary: 'SCAN keys with a cursor, pattern and type filter (never KEYS)', permission: 'read', query: c.redisListKeysQuerySchema, response: c.redisListKeysResponseSchema } },
  [`${redis}/keys/[key]`]: {
    GET: { summary: "A key's type, TTL and value (bytes as field pairs)", permission: 'read', query: c.redisGetKeyQuerySchema, response: c.redisKeyDetailSchema },
    POST: { summary: 'Create a key of any type', permission: 'write', query: c.redisKeyPathQuerySchema, body: c.redisCreateKeyBodySchema, response: c.redisWriteResultSchema, status: 201 },
    PUT: { summary: "Edit a key's value", permission: 'write', query: c.redisKeyPathQuerySchema, body: c.redisEditKeyBodySchema, response: c.redisWriteResultSchema },
    DELETE: { summary: 'Delete a key', permission: 'write', query: c.redisKeyPathQuerySchema },
  },
  [`${redis}/keys/[key]/expire`]: { POST: { summary: "Set or clear a key's TTL", permission: 'write', query: c.redisKeyPathQuerySchema, body: c.redisExpireBodySchema, response: c.redisExpireResponseSchema } },
  [`${redis}/keys/bulk-delete`]: { POST: { summary: 'Start a bulk-delete job for keys matching a pattern', permission: 'write', query: connectionIdQuery, body: c.redisBulkDeleteBodySchema, response: c.jobStartedSchema, status: 202 } },
  [`${redis}/info`]: { GET: { summary: 'INFO sections', permission: 'read', query: c.redisServerQuerySchema, response: c.redisInfoResponseSchema } },
  [`${redis}/stats`]: { GET: { summary: 'Derived server statistics', permission: 'read', query: c.redisServerQuerySchema, response: c.redisStatsResponseSchema } },
  [`${redis}/pubsub/channels`]: { GET: { summary: 'Active channels and subscriber counts', permission: 'read', query: c.redisPubSubChannelsQuerySchema, response: c.redisPubSubChannelsSchema } },
  [`${redis}/pubsub/publish`]: { POST: { summary: 'Publish a message', permission: 'write', query: connectionIdQuery, body: c.redisPublishBodySchema, response: c.redisPublishResultSchema } },

  [mongo]: { GET: { summary: 'Databases', permission: 'read', query: connectionIdQuery, response: z.array(c.mongoDatabaseSchema) } },
  [`${mongo}/[db]`]: { DELETE: { summary: 'Drop a database', permission: 'write', query: c.mongoDatabaseQuerySchema } },
  [`${mongo}/[db]/stats`]: { GET: { summary: 'Database statistics', permission: 'read', query: c.mongoDatabaseQuerySchema, response: c.mongoDatabaseStatsSchema } },
  [`${mongo}/[db]/collections`]: {
    GET: { summary: 'Collections with statistics', permission: 'read', query: c.mongoListCollectionsQuerySchema, response: z.array(c.mongoCollectionSchema) },
    POST: { summary: 'Create a collection', permission: 'write', query: c.mongoDatabaseQuerySchema, body: c.mongoCreateCollectionSchema, status: 201 },
  },
  [coll]: { DELETE: { summary: 'Drop a collection', permission: 'write', query: c.mongoCollectionQuerySchema } },
  [`${coll}/documents`]: {
    GET: { summary: 'Find documents (Extended JSON filter, sort, projection, paging)', permission: 'read', query: c.mongoDocumentsQuerySchema, response: c.mongoDocumentsPageSchema },
    POST: { summary: 'Insert documents', permission: 'write', query: c.mongoWriteQuerySchema, body: c.mongoInsertDocumentsSchema, status: 201 },
    PATCH: { summary: 'Update the documents a filter matches', permission: 'write', query: c.mongoWriteQuerySchema, body: c.mongoBulkUpdateSchema },
    DELETE: { summary: 'Delete the documents a filter matches', permission: 'write', query: c.mongoBulkDeleteQuerySchema },
  },
  [`${coll}/documents/[id]`]: {
    GET: { summary: 'One document by _id', permission: 'read', query: c.mongoDocumentQuerySchema },
    PUT: { summary: 'Replace one document', permission: 'write', query: c.mongoDocumentQuerySchema, body: c.mongoUpdateDocumentSchema },
    DELETE: { summary: 'Delete one document', permission: 'write', query: c.mongoDocumentQuerySchema },
  },
  [`${coll}/aggregate`]: { POST: { summary: 'Run an aggregation ($out/$merge need write; JS operators refused)', permission: 'read', query: c.mongoCollectionQuerySchema, body: c.mongoAggregateSchema, response: c.mongoAggregateResultSchema } },
  [`${coll}/indexes`]: {
    GET: { summary: 'Indexes', permission: 'read', query: c.mongoCollectionQuerySchema, response: z.array(c.mongoIndexSchema) },
    POST: { summary: 'Create an index', permission: 'write', query: c.mongoCollectionQuerySchema, body: c.mongoCreateIndexSchema, status: 201 },
  },
  [`${coll}/indexes/[name]`]: { DELETE: { summary: 'Drop an index', permission: 'write', query: c.mongoIndexQuerySchema } },
}
