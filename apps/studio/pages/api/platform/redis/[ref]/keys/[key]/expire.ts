import { redisExpireBodySchema, redisKeyPathQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { keyFromPath } from 'lib/api/database/redis/byte-strings'
import { expireRedisKey } from 'lib/api/database/redis/key-lifecycle'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  POST: {
    permission: 'write',
    query: redisKeyPathQuerySchema,
    body: redisExpireBodySchema,
    handler: ({ access, query, body }) =>
      withDatabaseClient(access.project, 'redis', query.connectionId, (client) =>
        expireRedisKey(client.native, keyFromPath(query.key, query.encoding), body)
      ),
  },
})
