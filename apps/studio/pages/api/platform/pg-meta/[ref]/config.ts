import { pgPagedQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { listConfig } from 'lib/api/database/postgres/catalog/config'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { sendJsonText } from 'lib/api/json-text-response'

export default apiRoute({
  GET: {
    permission: 'read',
    query: pgPagedQuerySchema,
    handler: async ({ access, query, req, res }) =>
      sendJsonText(req, res, await withDatabaseClient(access.project, 'postgres', query.connectionId, (client) => listConfig(client.native, query))),
  },
})
