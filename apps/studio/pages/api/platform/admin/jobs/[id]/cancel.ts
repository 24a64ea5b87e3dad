import { z } from 'zod'

import { cancelAdminJob } from 'lib/api/admin/jobs'
import { apiRoute } from 'lib/api/apiWrapper'

export const config = { api: { bodyParser: false } }

/** Platform admins: cancel any project's job (audited as an admin change). */
export default apiRoute(
  {
    POST: {
      permission: 'admin',
      query: z.object({ id: z.string().uuid() }),
      handler: ({ query }) => cancelAdminJob(query.id),
    },
  },
  { platformAdmin: true }
)
