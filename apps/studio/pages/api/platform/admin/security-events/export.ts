import { adminExportQuerySchema } from '@multibase/api-contracts'

import { securityEventCsvLine, securityEventNdjsonLine, SECURITY_EVENT_CSV_COLUMNS } from 'lib/api/admin/export-format'
import { securityEventsSince } from 'lib/api/admin/security-events'
import { apiRoute } from 'lib/api/apiWrapper'

export const config = { api: { bodyParser: false } }

/**
 * Platform admins: every security event (from `since`) as CSV or NDJSON, streamed page by page so
 * the export never sits whole in memory. A failure mid-stream can only cut the download short.
 */
export default apiRoute(
  {
    GET: {
      permission: 'none',
      query: adminExportQuerySchema,
      handler: async ({ res, query }) => {
        const csv = query.format === 'csv'
        const pages = securityEventsSince(query.since)
        const first = await pages.next()
        res.statusCode = 200
        res.setHeader('Content-Type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        res.setHeader('Content-Disposition', `attachment; filename="security-events.${csv ? 'csv' : 'ndjson'}"`)
        if (csv) res.write(SECURITY_EVENT_CSV_COLUMNS.join(',') + '\r\n')
        const line = csv ? securityEventCsvLine : securityEventNdjsonLine
        try {
          for (let page = first; !page.done; page = await pages.next()) {
            const ok = res.write(page.value.map(line).join(''))
            if (!ok) await new Promise((resolve) => res.once('drain', resolve))
          }
        } finally {
          res.end()
        }
        return undefined
      },
    },
  },
  { platformAdmin: true }
)
