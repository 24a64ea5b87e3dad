import { pgRowsQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { listRows } from 'lib/api/database/postgres/list-rows'
import { statementTimeoutMs } from 'lib/api/database/postgres/query-limits'
import { postgresLoginFor, withDatabaseClient } from 'lib/api/database/helpers'

export default apiRoute({
  GET: {
    permission: 'read',
    query: pgRowsQuerySchema,
    // read_only members read rows under the connection's read-only login (see query.ts).
    handler: ({ access, query }) =>
      withDatabaseClient(access.project, 'postgres', query.connectionId, (client) => listRows(client.native, query, statementTimeoutMs()), {
        login: postgresLoginFor(access.role),
      }),
  },
})
