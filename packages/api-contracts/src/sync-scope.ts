import { z } from 'zod'

/**
 * What a sync job (and its validate / generate-migration checks) covers: a source and a target
 * connection of the same project and the units to copy. Shared by the sync job routes, the schema
 * checks and the Sync UI, so a wizard can validate exactly the scope it then starts.
 */
const identifier = z.string().min(1).max(63)

export const syncTableRefSchema = z.object({ schema: identifier, name: identifier }).strict()
export type SyncTableRef = z.infer<typeof syncTableRefSchema>

export const syncCollectionRefSchema = z.object({ db: z.string().min(1).max(63), name: z.string().min(1).max(255) }).strict()
export type SyncCollectionRef = z.infer<typeof syncCollectionRefSchema>

export const syncKeyTypeSchema = z.enum(['string', 'hash', 'list', 'set', 'zset', 'stream'])

/** Which engines may be paired: the same engine, or a MongoDB source into a Postgres target. */
export const syncDirectionSchema = z.enum(['postgres->postgres', 'mongodb->mongodb', 'redis->redis', 'mongodb->postgres'])
export type SyncDirection = z.infer<typeof syncDirectionSchema>

export const syncScopeSchema = z
  .object({
    /** Postgres sources: the tables to copy (empty: every table of `schemas`). */
    schemas: z.array(identifier).max(100).optional(),
    tables: z.array(syncTableRefSchema).max(10_000).optional(),
    /** MongoDB sources. */
    collections: z.array(syncCollectionRefSchema).max(10_000).optional(),
    /** MongoDB → Postgres: the target schema and how documents become rows. */
    targetSchema: identifier.optional(),
    documentMapping: z.enum(['jsonb', 'columns']).optional(),
    /** Redis sources: a SCAN MATCH pattern and optional type filter. */
    keyPattern: z.string().min(1).max(1024).optional(),
    keyTypes: z.array(syncKeyTypeSchema).max(6).optional(),
  })
  .strict()
export type SyncScope = z.infer<typeof syncScopeSchema>

/** The pair of connections and the scope; the body of `POST validate` and part of a job. */
export const syncEndpointsSchema = z
  .object({
    sourceConnectionId: z.string().uuid(),
    targetConnectionId: z.string().uuid(),
    scope: syncScopeSchema,
  })
  .strict()
export type SyncEndpoints = z.infer<typeof syncEndpointsSchema>
