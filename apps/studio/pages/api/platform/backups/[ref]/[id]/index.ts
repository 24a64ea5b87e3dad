import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { deleteBackup } from 'lib/api/backups/service'
import { findBackup, publicBackup } from 'lib/api/platform/backups'

const query = z.object({ ref: z.string(), id: z.string().uuid() }).strict()

export default apiRoute({
  GET: {
    permission: 'read',
    query,
    handler: async ({ access, query }) => publicBackup(await findBackup(access.project.id, query.id)),
  },
  // Deleting a backup destroys the only copy of that data: an admin's decision.
  DELETE: {
    permission: 'admin',
    query,
    handler: async ({ access, query }) => {
      await deleteBackup(access.project, query.id)
      return { deleted: true }
    },
  },
})
