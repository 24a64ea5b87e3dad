import { pgRowAddressQuerySchema, pgRowInsertQuerySchema, pgRowValuesBodySchema, type PgRowValuesBody } from '@multibase/api-contracts'
import type { z } from 'zod'

import { apiRoute, type MethodSpec } from 'lib/api/apiWrapper'
import { rawRowValues } from 'lib/api/database/postgres/codecs/request-values'
import { deleteRow, getRow, insertRow, updateRow } from 'lib/api/database/postgres/row-crud'
import { statementTimeoutMs } from 'lib/api/database/postgres/query-limits'
import { postgresLoginFor, withDatabaseClient } from 'lib/api/database/helpers'
import { sendJsonText } from 'lib/api/json-text-response'

export const config = { api: { bodyParser: false } }

type PgRowAddressQuery = z.infer<typeof pgRowAddressQuerySchema>

const update: MethodSpec<PgRowAddressQuery, PgRowValuesBody> = {
  permission: 'write',
  query: pgRowAddressQuerySchema,
  body: pgRowValuesBodySchema,
  handler: async ({ req, res, access, query }) =>
    sendJsonText(
      req,
      res,
      await withDatabaseClient(access.project, 'postgres', query.connectionId, (client) =>
        updateRow(client.native, query.id, query.pk, rawRowValues(req), { timeoutMs: statementTimeoutMs() })
      )
    ),
}

// Rows are written as JSON text by the value codecs (json/jsonb spliced in as stored) and sent as is.
export default apiRoute({
  GET: {
    permission: 'read',
    query: pgRowAddressQuerySchema,
    // read_only members read rows under the connection's read-only login (see query.ts).
    handler: async ({ req, res, access, query }) =>
      sendJsonText(
        req,
        res,
        await withDatabaseClient(
          access.project,
          'postgres',
          query.connectionId,
          (client) => getRow(client.native, query.id, query.pk, { timeoutMs: statementTimeoutMs() }),
          { login: postgresLoginFor(access.role) }
        )
      ),
  },
  POST: {
    permission: 'write',
    query: pgRowInsertQuerySchema,
    body: pgRowValuesBodySchema,
    handler: async ({ req, res, access, query }) =>
      sendJsonText(
        req,
        res,
        await withDatabaseClient(access.project, 'postgres', query.connectionId, (client) =>
          insertRow(client.native, query.id, rawRowValues(req), { timeoutMs: statementTimeoutMs() })
        ),
        201
      ),
  },
  // Both change only the columns named in `values`.
  PUT: update,
  PATCH: update,
  DELETE: {
    permission: 'write',
    query: pgRowAddressQuerySchema,
    handler: async ({ req, res, access, query }) =>
      sendJsonText(
        req,
        res,
        await withDatabaseClient(access.project, 'postgres', query.connectionId, (client) =>
          deleteRow(client.native, query.id, query.pk, { timeoutMs: statementTimeoutMs() })
        )
      ),
  },
})
