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
const admin = '/api/platform/admin'
const backups = '/api/platform/backups/[ref]'
const sync = '/api/platform/sync/[ref]'
const refQuery = z.object({ ref: z.string() }).strict()
const refIdQuery = z.object({ ref: z.string(), id: z.string().uuid() })
const syncEventsQuery = z.object({ ref: z.string(), id: z.string().uuid(), lastEventId: z.string().regex(/^\d{1,19}$/).optional() })

/** Each engine's connections have the same keep-alive switch. */
function keepAliveRoute(type: c.DatabaseType, label: string): Record<string, RouteDoc> {
  return {
    [`/api/platform/${type}/[ref]/connections/[id]/keep-alive`]: {
      POST: { summary: `Turn the periodic keep-alive ping of a ${label} connection on or off`, permission: 'admin', query: idQuery, body: c.keepAliveInputSchema },
    },
  }
}

export const API_ROUTES: Record<string, RouteDoc> = {
  '/api/health': { GET: { summary: 'Liveness; with deep=1 also platform database reachability (503 while draining)', permission: 'none', query: c.healthQuerySchema } },
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
  ...keepAliveRoute('postgres', 'Postgres'),
  ...keepAliveRoute('redis', 'Redis'),
  ...keepAliveRoute('mongodb', 'MongoDB'),

  '/api/platform/features': { GET: { summary: 'What this Studio offers the caller (platform mode, admin console, engines, jobs, sessions)', permission: 'none' } },
  '/api/platform/sessions': { GET: { summary: "The caller's own Studio sessions", permission: 'none' } },
  '/api/platform/sessions/[id]': { DELETE: { summary: "Revoke one of the caller's own sessions on every instance (audited as an admin change)", permission: 'admin', query: c.sessionIdQuerySchema } },
  [`${project}/sessions`]: { GET: { summary: "Live Studio sessions of the project's members", permission: 'admin' } },
  [`${project}/sessions/[id]`]: { DELETE: { summary: "Revoke a project member's session on every instance", permission: 'admin', query: c.sessionIdQuerySchema.extend({ ref: z.string() }) } },
  [`${project}/audit/export`]: { GET: { summary: 'Stream the filtered audit log as CSV or NDJSON', permission: 'admin', query: c.auditExportQuerySchema, contentType: 'application/octet-stream' } },

  [`${admin}/status`]: { GET: { summary: "Platform admins: platform database, job queue, this instance's pools and every instance's heartbeat", permission: 'none' } },
  [`${admin}/usage`]: { GET: { summary: "Platform admins: platform-wide totals (tenants, connections, keep-alives, live sessions, jobs, today's calls)", permission: 'none' } },
  [`${admin}/users`]: { GET: { summary: 'Platform admins: users holding a role anywhere, paged', permission: 'none', query: c.adminUsersQuerySchema } },
  [`${admin}/analytics`]: { GET: { summary: 'Platform admins: calls per engine and day, error rate and p50/p95 per route group, busiest projects', permission: 'none', query: c.adminAnalyticsQuerySchema } },
  [`${admin}/jobs`]: { GET: { summary: "Platform admins: every project's jobs, paged, by state and kind", permission: 'none', query: c.adminJobsQuerySchema } },
  [`${admin}/jobs/[id]/cancel`]: { POST: { summary: "Platform admins: cancel any project's job (audited as an admin change)", permission: 'admin', query: z.object({ id: z.string().uuid() }) } },
  [`${admin}/security-events`]: { GET: { summary: 'Platform admins: security events of every project, newest first, paged', permission: 'none', query: c.adminSecurityEventsQuerySchema } },
  [`${admin}/security-events/export`]: { GET: { summary: 'Platform admins: every security event since a time, streamed as CSV or NDJSON', permission: 'none', query: c.adminExportQuerySchema, contentType: 'application/octet-stream' } },

  [backups]: {
    GET: { summary: "The project's backups", permission: 'read', query: c.listBackupsQuerySchema.extend({ ref: z.string() }).strict() },
    POST: { summary: 'Start a backup job', permission: 'write', query: refQuery, body: c.createBackupBodySchema, status: 202 },
  },
  [`${backups}/stats`]: { GET: { summary: "Backup count, total size and each connection's last successful backup", permission: 'read', query: refQuery } },
  [`${backups}/[id]`]: {
    GET: { summary: 'One backup', permission: 'read', query: refIdQuery.strict() },
    DELETE: { summary: 'Delete a backup and its stored file', permission: 'admin', query: refIdQuery.strict() },
  },
  [`${backups}/[id]/download`]: { GET: { summary: 'Download a backup file (audited)', permission: 'write', query: refIdQuery.strict(), contentType: 'application/octet-stream' } },
  [`${backups}/[id]/restore`]: { POST: { summary: 'Start a restore job from a backup', permission: 'admin', query: refIdQuery.strict(), body: c.restoreBackupBodySchema, status: 202 } },
  [`${backups}/[id]/verify`]: { POST: { summary: 'Re-read a stored backup and check its checksum', permission: 'write', query: refIdQuery.strict() } },

  [`${sync}/validate`]: { POST: { summary: 'Check a source and target can be synced (reads both; changes nothing)', permission: 'write', body: c.syncValidateBodySchema } },
  [`${sync}/generate-migration`]: { POST: { summary: 'Generate (or apply) the migration that makes the target schema match the source', permission: 'write', body: c.generateMigrationBodySchema } },
  [`${sync}/jobs`]: {
    GET: { summary: "The project's sync jobs", permission: 'read' },
    POST: { summary: 'Create a sync job', permission: 'write', body: c.syncJobBodySchema, status: 201 },
  },
  [`${sync}/jobs/[id]`]: {
    GET: { summary: 'One sync job', permission: 'read', query: refIdQuery },
    PUT: { summary: 'Change a sync job', permission: 'write', query: refIdQuery, body: c.syncJobBodySchema },
    DELETE: { summary: 'Remove a sync job', permission: 'write', query: refIdQuery },
  },
  [`${sync}/jobs/[id]/start`]: { POST: { summary: 'Start a sync job', permission: 'write', query: refIdQuery, status: 202 } },
  [`${sync}/jobs/[id]/pause`]: { POST: { summary: 'Pause a sync job', permission: 'write', query: refIdQuery, status: 202 } },
  [`${sync}/jobs/[id]/stop`]: { POST: { summary: 'Stop a sync job', permission: 'write', query: refIdQuery, status: 202 } },
  [`${sync}/jobs/[id]/metrics`]: { GET: { summary: "A sync job's totals, per-unit timings, throughput over time and retries", permission: 'read', query: refIdQuery } },
  [`${sync}/jobs/[id]/stream`]: { GET: { summary: "A sync job's events as Server-Sent Events (resumable by lastEventId)", permission: 'read', query: syncEventsQuery, contentType: 'text/event-stream' } },

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
