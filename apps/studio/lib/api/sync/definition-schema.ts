import { syncConflictPolicySchema, syncModeSchema, syncScopeSchema } from '@multibase/api-contracts'
import { z } from 'zod'

import type { SyncDefinition } from './engines/types'

/** platform.sync_jobs.definition: what the engines read (filters already normalized and checked). */
export const syncDefinitionSchema: z.ZodType<SyncDefinition> = z
  .object({
    sourceConnectionId: z.string().uuid(),
    targetConnectionId: z.string().uuid(),
    scope: syncScopeSchema,
    mode: syncModeSchema,
    conflictPolicy: syncConflictPolicySchema,
    batchSize: z.number().int().min(1),
    rowFilter: z.string().optional(),
    documentFilter: z.string().optional(),
    targetDatabase: z.string().optional(),
  })
  .strict()
