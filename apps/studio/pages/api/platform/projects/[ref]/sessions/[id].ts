import { sessionIdQuerySchema } from '@multibase/api-contracts'
import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { NotFoundError } from 'lib/api/database/errors'
import { revokeAndAnnounce } from 'lib/api/sessions/revoke'

export const config = { api: { bodyParser: false } }

/** Project admins revoke a member's session; a non-member's session is reported missing. */
export default apiRoute({
  DELETE: {
    permission: 'admin',
    query: sessionIdQuerySchema.extend({ ref: z.string() }),
    handler: async ({ access, user, query }) => {
      if (!(await revokeAndAnnounce(query.id, user.id, { projectId: access.project.id }))) {
        throw new NotFoundError(`Session "${query.id}" not found`, 'SESSION_NOT_FOUND')
      }
      return { revoked: true, id: query.id }
    },
  },
})
