import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { resumeIdOf, streamSyncJobEvents } from 'lib/api/sync/stream'

export default apiRoute({
  GET: {
    permission: 'read',
    query: z.object({ ref: z.string(), id: z.string().uuid(), lastEventId: z.string().regex(/^\d{1,19}$/).optional() }),
    handler: async ({ access, user, query, req, res }) => {
      await streamSyncJobEvents({ project: access.project, ref: query.ref, userId: user.id, id: query.id, afterId: resumeIdOf(req, query.lastEventId), req, res })
      return undefined
    },
  },
})
