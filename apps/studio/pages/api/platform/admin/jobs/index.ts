import { adminJobsQuerySchema } from '@multibase/api-contracts'

import { listAdminJobs } from 'lib/api/admin/jobs'
import { apiRoute } from 'lib/api/apiWrapper'

export const config = { api: { bodyParser: false } }

/** Platform admins: jobs of every kind across all projects. */
export default apiRoute(
  { GET: { permission: 'none', query: adminJobsQuerySchema, handler: ({ query }) => listAdminJobs(query) } },
  { platformAdmin: true }
)
