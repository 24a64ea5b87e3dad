import { pgRowsQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { listRows } from 'lib/api/database/postgres/list-rows'
import { statementTimeoutMs } from 'lib/api/database/postgres/query-limits'
import { postgresLoginFor, withDatabaseClient } from 'lib/api/database/helpers'
import { sendJsonText } from 'lib/api/json-text-response'

export default apiRoute({
  GET: {
    permission: 'read',
    query: pgRowsQuerySchema,
    // The page is JSON text already (values written by their codecs), sent without a re-parse;
    // read_only members read rows under the connection's read-only login (see query.ts).
    handler: async ({ req, res, access, query }) =>
      sendJsonText(
        req,
        res,
        await withDatabaseClient(access.project, 'postgres', query.connectionId, (client) => listRows(client.native, query, statementTimeoutMs()), {
          login: postgresLoginFor(access.role),
        })
      ),
  },
})
