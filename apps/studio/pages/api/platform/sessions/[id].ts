import { sessionIdQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { NotFoundError } from 'lib/api/database/errors'
import { revokeAndAnnounce } from 'lib/api/sessions/revoke'

export const config = { api: { bodyParser: false } }

/**
 * Revokes one of the caller's own sessions; every instance refuses it from then on. `admin` only
 * marks it an administrative change for the audit log: there is no project, so no role is checked.
 */
export default apiRoute({
  DELETE: {
    permission: 'admin',
    query: sessionIdQuerySchema,
    handler: async ({ user, query }) => {
      if (!(await revokeAndAnnounce(query.id, user.id, { userId: user.id }))) {
        throw new NotFoundError(`Session "${query.id}" not found`, 'SESSION_NOT_FOUND')
      }
      return { revoked: true, id: query.id }
    },
  },
})
