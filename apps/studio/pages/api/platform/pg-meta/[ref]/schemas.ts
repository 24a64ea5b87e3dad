import { pgSchemasQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { listSchemas } from 'lib/api/database/postgres/catalog/schemas'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { sendJsonText } from 'lib/api/json-text-response'

export default apiRoute({
  GET: {
    permission: 'read',
    query: pgSchemasQuerySchema,
    handler: async ({ access, query, req, res }) =>
      sendJsonText(req, res, await withDatabaseClient(access.project, 'postgres', query.connectionId, (client) => listSchemas(client.native, query))),
  },
})
