import { pgTableQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { NotFoundError } from 'lib/api/database/errors'
import { getTable } from 'lib/api/database/postgres/catalog/tables'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { sendJsonText } from 'lib/api/json-text-response'

export default apiRoute({
  GET: {
    permission: 'read',
    query: pgTableQuerySchema,
    handler: async ({ access, query, req, res }) => {
      const table = await withDatabaseClient(access.project, 'postgres', query.connectionId, (client) => getTable(client.native, query.id))
      if (!table) throw new NotFoundError(`No table has id ${query.id}`, 'TABLE_NOT_FOUND')
      return sendJsonText(req, res, table)
    },
  },
})
