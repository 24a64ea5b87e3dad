import { auditListQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { listProjectAudit } from 'lib/api/platform/audit-list'

export const config = { api: { bodyParser: false } }

/** The project's audit log: data changes, admin changes and security events (admins only). */
export default apiRoute({
  GET: {
    permission: 'admin',
    query: auditListQuerySchema,
    handler: ({ access, query }) => listProjectAudit(access.project, query),
  },
})
