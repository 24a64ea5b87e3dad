import { syncJobBodySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { createSyncJob, listProjectSyncJobs } from 'lib/api/sync/control'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  GET: {
    permission: 'read',
    handler: async ({ access }) => listProjectSyncJobs(access.project),
  },
  POST: {
    permission: 'write',
    body: syncJobBodySchema,
    status: 201,
    handler: async ({ access, user, body }) => createSyncJob(access.project, user.id || null, body),
  },
})
