import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { getSyncJobMetrics } from 'lib/api/sync/metrics'

export default apiRoute({
  GET: {
    permission: 'read',
    query: z.object({ ref: z.string(), id: z.string().uuid() }),
    handler: async ({ access, query }) => getSyncJobMetrics(access.project, query.id),
  },
})
