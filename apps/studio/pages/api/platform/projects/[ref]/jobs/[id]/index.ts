import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { getJobStatus } from 'lib/api/jobs/status'

export default apiRoute({
  GET: {
    permission: 'read',
    query: z.object({ id: z.string().uuid() }),
    handler: async ({ access, query }) => getJobStatus(access.project, query.id),
  },
})
