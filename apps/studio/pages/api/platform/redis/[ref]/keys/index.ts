import { redisListKeysQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { listRedisKeys } from 'lib/api/database/redis/scan-keys'

export default apiRoute({
  GET: {
    permission: 'read',
    query: redisListKeysQuerySchema,
    handler: ({ access, query }) =>
      withDatabaseClient(access.project, 'redis', query.connectionId, (client) => listRedisKeys(client.native, query)),
  },
})
