import {
  mongoBulkDeleteQuerySchema,
  mongoBulkUpdateSchema,
  mongoDocumentsQuerySchema,
  mongoInsertDocumentsSchema,
  mongoWriteQuerySchema,
} from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import {
  deleteMongoDocuments,
  insertMongoDocuments,
  queryMongoDocuments,
  updateMongoDocuments,
} from 'lib/api/database/mongodb/documents'
import { resolveMaxTimeMS } from 'lib/api/database/mongodb/time-limit'
import { withMongo } from 'lib/api/database/mongodb/with-mongo'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  GET: {
    permission: 'read',
    query: mongoDocumentsQuerySchema,
    handler: ({ access, query }) =>
      withMongo(access, query.connectionId, (client) =>
        queryMongoDocuments(client, query.db, query.coll, { ...query, maxTimeMS: resolveMaxTimeMS(query.maxTimeMS) })
      ),
  },
  POST: {
    permission: 'write',
    query: mongoWriteQuerySchema,
    body: mongoInsertDocumentsSchema,
    status: 201,
    handler: ({ access, query, body }) =>
      withMongo(access, query.connectionId, (client) =>
        insertMongoDocuments(client, query.db, query.coll, body, { format: query.format, maxTimeMS: resolveMaxTimeMS(query.maxTimeMS) })
      ),
  },
  /** Bulk update: every document matching the filter. */
  PATCH: {
    permission: 'write',
    query: mongoWriteQuerySchema,
    body: mongoBulkUpdateSchema,
    handler: ({ access, query, body }) =>
      withMongo(access, query.connectionId, (client) =>
        updateMongoDocuments(client, query.db, query.coll, body, resolveMaxTimeMS(query.maxTimeMS))
      ),
  },
  /** Bulk delete: every document matching `?filter=`. */
  DELETE: {
    permission: 'write',
    query: mongoBulkDeleteQuerySchema,
    handler: ({ access, query }) =>
      withMongo(access, query.connectionId, (client) =>
        deleteMongoDocuments(client, query.db, query.coll, query.filter, resolveMaxTimeMS(query.maxTimeMS))
      ),
  },
})
