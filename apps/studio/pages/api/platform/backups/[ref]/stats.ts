import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { backupStats } from 'lib/api/platform/backups'

export default apiRoute({
  GET: {
    permission: 'read',
    query: z.object({ ref: z.string() }).strict(),
    handler: async ({ access }) => backupStats(access.project.id),
  },
})
