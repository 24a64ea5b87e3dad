import { redisBulkDeleteBodySchema } from '@multibase/api-contracts'
import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { startRedisBulkDelete } from 'lib/api/database/redis/bulk-delete'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  POST: {
    permission: 'write',
    rateLimit: 'expensive',
    query: z.object({ connectionId: z.string().uuid().optional() }),
    body: redisBulkDeleteBodySchema,
    status: 202,
    handler: async ({ access, query, body, user, requestId }) =>
      startRedisBulkDelete({
        project: access.project,
        connectionId: query.connectionId,
        userId: user.id || null,
        requestId,
        pattern: body.pattern,
        batchSize: body.batchSize,
      }),
  },
})
