import { adminUsersQuerySchema } from '@multibase/api-contracts'

import { listAdminUsers } from 'lib/api/admin/users'
import { apiRoute } from 'lib/api/apiWrapper'

export const config = { api: { bodyParser: false } }

/** Platform admins: every user holding a role, with memberships and last seen email. */
export default apiRoute(
  { GET: { permission: 'none', query: adminUsersQuerySchema, handler: ({ query }) => listAdminUsers(query) } },
  { platformAdmin: true }
)
