import { mongoDatabaseQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { dropMongoDatabase } from 'lib/api/database/mongodb/databases'
import { resolveMaxTimeMS } from 'lib/api/database/mongodb/time-limit'
import { withMongo } from 'lib/api/database/mongodb/with-mongo'

export default apiRoute({
  DELETE: {
    permission: 'write',
    query: mongoDatabaseQuerySchema,
    handler: async ({ access, query }) => {
      await withMongo(access, query.connectionId, (client) => dropMongoDatabase(client, query.db, resolveMaxTimeMS(undefined)))
      return { dropped: true, name: query.db }
    },
  },
})
