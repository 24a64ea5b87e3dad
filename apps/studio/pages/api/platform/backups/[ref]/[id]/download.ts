import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { sendBackupDownload } from 'lib/api/backups/service'
import { recordAudit } from 'lib/api/platform/audit'

export default apiRoute({
  // A download carries the project's data out: developer and above, and audited although it is a GET.
  GET: {
    permission: 'write',
    query: z.object({ ref: z.string(), id: z.string().uuid() }).strict(),
    handler: async ({ access, query, user, requestId, res }) => {
      await recordAudit({
        requestId,
        userId: user.id || null,
        userEmail: user.email ?? null,
        projectId: access.project.id,
        action: 'GET /api/platform/backups/[ref]/[id]/download',
        route: '/api/platform/backups/[ref]/[id]/download',
        kind: 'data',
        target: JSON.stringify({ ref: access.project.ref, id: query.id }),
        status: 200,
      })
      await sendBackupDownload(access.project, query.id, res)
      return undefined
    },
  },
})
