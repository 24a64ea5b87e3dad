import { redisServerQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { readRedisInfo } from 'lib/api/database/redis/server-info'

export default apiRoute({
  GET: {
    permission: 'read',
    query: redisServerQuerySchema,
    handler: ({ access, query }) =>
      withDatabaseClient(access.project, 'redis', query.connectionId, (client) => readRedisInfo(client.native)),
  },
})
