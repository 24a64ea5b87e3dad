import { pgForeignTablesQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { listForeignTables } from 'lib/api/database/postgres/catalog/foreign-tables'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { sendJsonText } from 'lib/api/json-text-response'

export default apiRoute({
  GET: {
    permission: 'read',
    query: pgForeignTablesQuerySchema,
    handler: async ({ access, query, req, res }) =>
      sendJsonText(req, res, await withDatabaseClient(access.project, 'postgres', query.connectionId, (client) => listForeignTables(client.native, query))),
  },
})
