import { syncJobBodySchema } from '@multibase/api-contracts'
import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { getSyncJob, removeSyncJob, updateSyncJob } from 'lib/api/sync/control'

export const config = { api: { bodyParser: false } }

const query = z.object({ ref: z.string(), id: z.string().uuid() })

export default apiRoute({
  GET: {
    permission: 'read',
    query,
    handler: async ({ access, query }) => getSyncJob(access.project, query.id),
  },
  PUT: {
    permission: 'write',
    query,
    body: syncJobBodySchema,
    handler: async ({ access, query, body }) => updateSyncJob(access.project, query.id, body),
  },
  DELETE: {
    permission: 'write',
    query,
    handler: async ({ access, query }) => {
      await removeSyncJob(access.project, query.id)
      return { deleted: true }
    },
  },
})
