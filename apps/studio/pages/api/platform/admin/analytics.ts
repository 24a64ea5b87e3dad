import { adminAnalyticsQuerySchema } from '@multibase/api-contracts'

import { getAdminAnalytics } from 'lib/api/admin/analytics'
import { apiRoute } from 'lib/api/apiWrapper'

export const config = { api: { bodyParser: false } }

export default apiRoute(
  { GET: { permission: 'none', query: adminAnalyticsQuerySchema, handler: ({ query }) => getAdminAnalytics(query.days) } },
  { platformAdmin: true }
)
