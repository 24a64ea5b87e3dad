import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { verifyStoredBackup } from 'lib/api/backups/verify'
import { findBackup } from 'lib/api/platform/backups'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  POST: {
    permission: 'write',
    query: z.object({ ref: z.string(), id: z.string().uuid() }).strict(),
    handler: async ({ access, query }) => verifyStoredBackup(await findBackup(access.project.id, query.id)),
  },
})
