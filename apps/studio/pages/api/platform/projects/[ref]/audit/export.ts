import { auditExportQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { streamAuditExport } from 'lib/api/platform/audit-export'

export const config = { api: { bodyParser: false } }

/** The filtered audit log as a CSV or NDJSON download, streamed page by page (admins only). */
export default apiRoute({
  GET: {
    permission: 'admin',
    query: auditExportQuerySchema,
    handler: async ({ res, access, query: { format, ...filter } }) => {
      await streamAuditExport(res, access.project, filter, format)
      return undefined
    },
  },
})
