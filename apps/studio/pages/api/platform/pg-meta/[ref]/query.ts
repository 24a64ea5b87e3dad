import { pgQueryBodySchema } from '@multibase/api-contracts'
import { z } from 'zod'

import { apiRoute, toDatabaseError } from 'lib/api/apiWrapper'
import { resultCaps, statementTimeoutMs } from 'lib/api/database/postgres/query-limits'
import { runSql } from 'lib/api/database/postgres/run-sql'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { sendJsonText } from 'lib/api/json-text-response'
import { recordAudit } from 'lib/api/platform/audit'

export const config = { api: { bodyParser: false } }

const querySchema = z.object({ connectionId: z.string().uuid('connectionId must be a UUID').optional() })

export default apiRoute({
  // 'read' so that a read_only member may run SQL too — but only inside a READ ONLY transaction.
  POST: {
    permission: 'read',
    query: querySchema,
    body: pgQueryBodySchema,
    handler: async ({ req, res, access, query, body, user, requestId }) => {
      const readOnly = access.role === 'read_only'
      const timeoutMs = statementTimeoutMs(body.timeoutMs)
      let status = 200
      try {
        // JSON text already (values written by their codecs), sent without a re-parse.
        const result = await withDatabaseClient(access.project, 'postgres', query.connectionId, (client) =>
          runSql(client.native, { sql: body.query, timeoutMs, readOnly, ...resultCaps() })
        )
        return await sendJsonText(req, res, result)
      } catch (error) {
        status = toDatabaseError(error).status
        throw error
      } finally {
        // SQL that may write is audited like any data-changing call (route and connection, never the SQL).
        if (!readOnly) {
          await recordAudit({
            requestId,
            userId: user.id || null,
            projectId: access.project.id,
            action: 'POST /api/platform/pg-meta/[ref]/query',
            target: JSON.stringify({ ref: access.project.ref, ...(query.connectionId ? { connectionId: query.connectionId } : {}) }),
            status,
          })
        }
      }
    },
  },
})
