import { pgSchemaFilterQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { listTablePrivileges } from 'lib/api/database/postgres/catalog/table-privileges'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { sendJsonText } from 'lib/api/json-text-response'

export default apiRoute({
  GET: {
    permission: 'read',
    query: pgSchemaFilterQuerySchema,
    handler: async ({ access, query, req, res }) =>
      sendJsonText(req, res, await withDatabaseClient(access.project, 'postgres', query.connectionId, (client) => listTablePrivileges(client.native, query))),
  },
})
