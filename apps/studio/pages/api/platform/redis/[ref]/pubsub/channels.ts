import { redisPubSubChannelsQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { listPubSubChannels } from 'lib/api/database/redis/pubsub/channels'

export default apiRoute({
  GET: {
    permission: 'read',
    query: redisPubSubChannelsQuerySchema,
    handler: async ({ access, query }) =>
      withDatabaseClient(access.project, 'redis', query.connectionId, (client) => listPubSubChannels(client.native, query.pattern)),
  },
})
