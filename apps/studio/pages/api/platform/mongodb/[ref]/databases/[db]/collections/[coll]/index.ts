import { mongoCollectionQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { dropMongoCollection } from 'lib/api/database/mongodb/collections'
import { resolveMaxTimeMS } from 'lib/api/database/mongodb/time-limit'
import { withMongo } from 'lib/api/database/mongodb/with-mongo'

export default apiRoute({
  DELETE: {
    permission: 'write',
    query: mongoCollectionQuerySchema,
    handler: async ({ access, query }) => {
      await withMongo(access, query.connectionId, (client) => dropMongoCollection(client, query.db, query.coll, resolveMaxTimeMS(undefined)))
      return { dropped: true, name: query.coll }
    },
  },
})
