import { redisPublishBodySchema } from '@multibase/api-contracts'
import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { publishMessage } from 'lib/api/database/redis/pubsub/publish'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  POST: {
    permission: 'write',
    query: z.object({ connectionId: z.string().uuid().optional() }),
    body: redisPublishBodySchema,
    handler: async ({ access, query, body }) =>
      withDatabaseClient(access.project, 'redis', query.connectionId, (client) => publishMessage(client.native, body)),
  },
})
