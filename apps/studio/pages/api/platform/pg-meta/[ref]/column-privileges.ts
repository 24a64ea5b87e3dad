import { pgSchemaFilterQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { listColumnPrivileges } from 'lib/api/database/postgres/catalog/column-privileges'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { sendJsonText } from 'lib/api/json-text-response'

export default apiRoute({
  GET: {
    permission: 'read',
    query: pgSchemaFilterQuerySchema,
    handler: async ({ access, query, req, res }) =>
      sendJsonText(req, res, await withDatabaseClient(access.project, 'postgres', query.connectionId, (client) => listColumnPrivileges(client.native, query))),
  },
})
