import {
  redisCreateKeyBodySchema,
  redisEditKeyBodySchema,
  redisGetKeyQuerySchema,
  redisKeyPathQuerySchema,
} from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { keyFromPath } from 'lib/api/database/redis/byte-strings'
import { createRedisKey } from 'lib/api/database/redis/create-key'
import { sendRedisValueDownload } from 'lib/api/database/redis/download'
import { editRedisKey } from 'lib/api/database/redis/edit-key'
import { deleteRedisKey } from 'lib/api/database/redis/key-lifecycle'
import { readRedisKey, readRedisStringValue } from 'lib/api/database/redis/read-key'
import { readRedisStringKey } from 'lib/api/database/redis/read-string-key'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  GET: {
    permission: 'read',
    query: redisGetKeyQuerySchema,
    handler: async ({ access, query, res }) => {
      const key = keyFromPath(query.key, query.encoding)
      return withDatabaseClient(access.project, 'redis', query.connectionId, async (client) => {
        if (!query.download) {
          return query.type === 'string' ? readRedisStringKey(client.native, key, query) : readRedisKey(client.native, key, query)
        }
        sendRedisValueDownload(res, key, await readRedisStringValue(client.native, key))
        return undefined
      })
    },
  },
  POST: {
    permission: 'write',
    query: redisKeyPathQuerySchema,
    body: redisCreateKeyBodySchema,
    status: 201,
    handler: ({ access, query, body }) =>
      withDatabaseClient(access.project, 'redis', query.connectionId, (client) =>
        createRedisKey(client.native, keyFromPath(query.key, query.encoding), body)
      ),
  },
  PUT: {
    permission: 'write',
    query: redisKeyPathQuerySchema,
    body: redisEditKeyBodySchema,
    handler: ({ access, query, body }) =>
      withDatabaseClient(access.project, 'redis', query.connectionId, (client) =>
        editRedisKey(client.native, keyFromPath(query.key, query.encoding), body)
      ),
  },
  DELETE: {
    permission: 'write',
    query: redisKeyPathQuerySchema,
    handler: ({ access, query }) =>
      withDatabaseClient(access.project, 'redis', query.connectionId, (client) =>
        deleteRedisKey(client.native, keyFromPath(query.key, query.encoding))
      ),
  },
})
