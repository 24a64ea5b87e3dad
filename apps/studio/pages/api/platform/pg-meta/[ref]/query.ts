import { pgQueryBodySchema } from '@multibase/api-contracts'
import { z } from 'zod'

import { apiRoute, toDatabaseError } from 'lib/api/apiWrapper'
import type { DatabaseError } from 'lib/api/database/errors'
import { postgresLoginFor, withDatabaseClient } from 'lib/api/database/helpers'
import { resultCaps, statementTimeoutMs } from 'lib/api/database/postgres/query-limits'
import { runSql } from 'lib/api/database/postgres/run-sql'
import { sqlAuditDetails } from 'lib/api/database/postgres/sql-audit'
import { sendJsonText } from 'lib/api/json-text-response'
import { recordAudit } from 'lib/api/platform/audit'

export const config = { api: { bodyParser: false } }

const querySchema = z.object({ connectionId: z.string().uuid('connectionId must be a UUID').optional() })

export default apiRoute({
  // 'read' so that a read_only member may run SQL too — under the connection's read-only login and
  // inside a READ ONLY transaction, so the database refuses writes even when the main login could.
  POST: {
    permission: 'read',
    rateLimit: 'expensive',
    query: querySchema,
    body: pgQueryBodySchema,
    handler: async ({ req, res, access, query, body, user, requestId }) => {
      const readOnly = access.role === 'read_only'
      const login = postgresLoginFor(access.role)
      const timeoutMs = statementTimeoutMs(body.timeoutMs)
      let connectionId = query.connectionId
      let rowCount: number | null | undefined
      let failure: DatabaseError | undefined
      try {
        // JSON text already (values written by their codecs), sent without a re-parse.
        const result = await withDatabaseClient(
          access.project,
          'postgres',
          query.connectionId,
          (client) => runSql(client.native, { sql: body.query, timeoutMs, readOnly, ...resultCaps() }),
          { login, onConnection: (row) => (connectionId = row.id) }
        )
        rowCount = result.rowCount
        return await sendJsonText(req, res, result.text)
      } catch (error) {
        failure = toDatabaseError(error)
        throw error
      } finally {
        // Every SQL run, every role, refusals included: who, where, which statement (by hash), outcome.
        await recordAudit({
          requestId,
          userId: user.id || null,
          projectId: access.project.id,
          action: 'POST /api/platform/pg-meta/[ref]/query',
          route: '/api/platform/pg-meta/[ref]/query',
          target: JSON.stringify({ ref: access.project.ref, ...(connectionId ? { connectionId } : {}) }),
          status: failure ? failure.status : 200,
          details: sqlAuditDetails({ sql: body.query, connectionId, login, rowCount, error: failure }),
        })
      }
    },
  },
})
