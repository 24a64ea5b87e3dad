import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { pauseSyncJob } from 'lib/api/sync/control'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  POST: {
    permission: 'write',
    query: z.object({ ref: z.string(), id: z.string().uuid() }),
    status: 202,
    handler: async ({ access, query }) => pauseSyncJob(access.project, query.id),
  },
})
