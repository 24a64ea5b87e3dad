import { mongoCollectionQuerySchema, mongoCreateIndexSchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { createMongoIndex, listMongoIndexes } from 'lib/api/database/mongodb/indexes'
import { resolveMaxTimeMS } from 'lib/api/database/mongodb/time-limit'
import { withMongo } from 'lib/api/database/mongodb/with-mongo'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  GET: {
    permission: 'read',
    query: mongoCollectionQuerySchema,
    handler: ({ access, query }) =>
      withMongo(access, query.connectionId, (client) => listMongoIndexes(client, query.db, query.coll, resolveMaxTimeMS(undefined))),
  },
  POST: {
    permission: 'write',
    query: mongoCollectionQuerySchema,
    body: mongoCreateIndexSchema,
    status: 201,
    handler: ({ access, query, body }) =>
      withMongo(access, query.connectionId, (client) => createMongoIndex(client, query.db, query.coll, body, resolveMaxTimeMS(undefined))),
  },
})
