import { mongoDocumentQuerySchema, mongoUpdateDocumentSchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { deleteMongoDocument, getMongoDocument, updateMongoDocument } from 'lib/api/database/mongodb/document-by-id'
import { resolveMaxTimeMS } from 'lib/api/database/mongodb/time-limit'
import { withMongo } from 'lib/api/database/mongodb/with-mongo'

export const config = { api: { bodyParser: false } }

/** `[id]` is the EJSON of the `_id`, URL-encoded: `%7B%22%24oid%22%3A%22...%22%7D`, `%22text%22`, `42`. */
export default apiRoute({
  GET: {
    permission: 'read',
    query: mongoDocumentQuerySchema,
    handler: ({ access, query }) =>
      withMongo(access, query.connectionId, (client) =>
        getMongoDocument(client, query.db, query.coll, query.id, { format: query.format, maxTimeMS: resolveMaxTimeMS(query.maxTimeMS) })
      ),
  },
  PUT: {
    permission: 'write',
    query: mongoDocumentQuerySchema,
    body: mongoUpdateDocumentSchema,
    handler: ({ access, query, body }) =>
      withMongo(access, query.connectionId, (client) =>
        updateMongoDocument(client, query.db, query.coll, query.id, body, {
          format: query.format,
          maxTimeMS: resolveMaxTimeMS(query.maxTimeMS),
        })
      ),
  },
  DELETE: {
    permission: 'write',
    query: mongoDocumentQuerySchema,
    handler: ({ access, query }) =>
      withMongo(access, query.connectionId, (client) =>
        deleteMongoDocument(client, query.db, query.coll, query.id, resolveMaxTimeMS(query.maxTimeMS))
      ),
  },
})
