import { redisServerQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { sampleRedisStats } from 'lib/api/database/redis/server-info'

/** One sample per call; the UI polls and keeps the series (see sampleRedisStats). */
export default apiRoute({
  GET: {
    permission: 'read',
    query: redisServerQuerySchema,
    handler: ({ access, query }) =>
      withDatabaseClient(access.project, 'redis', query.connectionId, (client) => sampleRedisStats(client.native)),
  },
})
