import { pgRowAddressQuerySchema, pgRowInsertQuerySchema, pgRowValuesBodySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { deleteRow, getRow, insertRow, updateRow } from 'lib/api/database/postgres/row-crud'
import { statementTimeoutMs } from 'lib/api/database/postgres/query-limits'
import { postgresLoginFor, withDatabaseClient } from 'lib/api/database/helpers'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  GET: {
    permission: 'read',
    query: pgRowAddressQuerySchema,
    // read_only members read rows under the connection's read-only login (see query.ts).
    handler: ({ access, query }) =>
      withDatabaseClient(
        access.project,
        'postgres',
        query.connectionId,
        (client) => getRow(client.native, query.id, query.pk, { timeoutMs: statementTimeoutMs() }),
        { login: postgresLoginFor(access.role) }
      ),
  },
  POST: {
    permission: 'write',
    query: pgRowInsertQuerySchema,
    body: pgRowValuesBodySchema,
    status: 201,
    handler: ({ access, query, body }) =>
      withDatabaseClient(access.project, 'postgres', query.connectionId, (client) =>
        insertRow(client.native, query.id, body.values, { timeoutMs: statementTimeoutMs() })
      ),
  },
  PUT: {
    permission: 'write',
    query: pgRowAddressQuerySchema,
    body: pgRowValuesBodySchema,
    handler: ({ access, query, body }) =>
      withDatabaseClient(access.project, 'postgres', query.connectionId, (client) =>
        updateRow(client.native, query.id, query.pk, body.values, { timeoutMs: statementTimeoutMs() })
      ),
  },
  DELETE: {
    permission: 'write',
    query: pgRowAddressQuerySchema,
    handler: ({ access, query }) =>
      withDatabaseClient(access.project, 'postgres', query.connectionId, (client) =>
        deleteRow(client.native, query.id, query.pk, { timeoutMs: statementTimeoutMs() })
      ),
  },
})
