import { apiRoute } from 'lib/api/apiWrapper'
import { listProjectSessions } from 'lib/api/platform/sessions'

export const config = { api: { bodyParser: false } }

/** Project admins: the live Studio sessions of the project's members. */
export default apiRoute({
  GET: {
    permission: 'admin',
    handler: async ({ access, user }) => ({ items: await listProjectSessions(access.project.id, user.sessionId) }),
  },
})
