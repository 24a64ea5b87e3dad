import { restoreBackupBodySchema } from '@multibase/api-contracts'
import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { startRestore } from 'lib/api/backups/service'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  // A restore writes over a database (the dry run reads it): admin only, both.
  POST: {
    permission: 'admin',
    query: z.object({ ref: z.string(), id: z.string().uuid() }).strict(),
    body: restoreBackupBodySchema,
    status: 202,
    handler: async ({ access, query, body, user, requestId }) =>
      startRestore({ project: access.project, userId: user.id || null, requestId }, query.id, body),
  },
})
