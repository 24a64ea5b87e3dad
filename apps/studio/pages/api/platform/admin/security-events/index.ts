import { adminSecurityEventsQuerySchema } from '@multibase/api-contracts'

import { listSecurityEvents } from 'lib/api/admin/security-events'
import { apiRoute } from 'lib/api/apiWrapper'

export const config = { api: { bodyParser: false } }

/** Platform admins: security events of every project, newest first. */
export default apiRoute(
  { GET: { permission: 'none', query: adminSecurityEventsQuerySchema, handler: ({ query }) => listSecurityEvents(query) } },
  { platformAdmin: true }
)
