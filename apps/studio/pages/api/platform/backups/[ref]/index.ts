import { createBackupBodySchema, listBackupsQuerySchema } from '@multibase/api-contracts'
import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { createBackup } from 'lib/api/backups/service'
import { listBackups } from 'lib/api/platform/backups'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  GET: {
    permission: 'read',
    query: listBackupsQuerySchema.extend({ ref: z.string() }).strict(),
    handler: async ({ access, query }) => listBackups(access.project.id, query),
  },
  POST: {
    permission: 'write',
    query: z.object({ ref: z.string() }).strict(),
    body: createBackupBodySchema,
    status: 202,
    handler: async ({ access, body, user, requestId }) => createBackup({ project: access.project, userId: user.id || null, requestId }, body),
  },
})
