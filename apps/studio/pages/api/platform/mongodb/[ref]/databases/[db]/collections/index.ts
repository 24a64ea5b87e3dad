import { mongoCreateCollectionSchema, mongoDatabaseQuerySchema, mongoListCollectionsQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { createMongoCollection, listMongoCollections } from 'lib/api/database/mongodb/collections'
import { resolveMaxTimeMS } from 'lib/api/database/mongodb/time-limit'
import { withMongo } from 'lib/api/database/mongodb/with-mongo'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  GET: {
    permission: 'read',
    query: mongoListCollectionsQuerySchema,
    handler: ({ access, query }) =>
      withMongo(access, query.connectionId, (client) =>
        listMongoCollections(client, query.db, { stats: query.stats, maxTimeMS: resolveMaxTimeMS(undefined) })
      ),
  },
  POST: {
    permission: 'write',
    query: mongoDatabaseQuerySchema,
    body: mongoCreateCollectionSchema,
    status: 201,
    handler: ({ access, query, body }) =>
      withMongo(access, query.connectionId, (client) => createMongoCollection(client, query.db, body, resolveMaxTimeMS(undefined))),
  },
})
