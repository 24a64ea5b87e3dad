import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { cancelJob } from 'lib/api/jobs/status'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  POST: {
    permission: 'write',
    query: z.object({ id: z.string().uuid() }),
    handler: async ({ access, query }) => cancelJob(access.project, query.id),
  },
})
