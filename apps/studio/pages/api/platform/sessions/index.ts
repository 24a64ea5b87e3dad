import { listUserSessions } from 'lib/api/platform/sessions'
import { apiRoute } from 'lib/api/apiWrapper'

export const config = { api: { bodyParser: false } }

/** The caller's own Studio sessions (from the `session_id` claim of their tokens). */
export default apiRoute({
  GET: {
    permission: 'none',
    handler: async ({ user }) => ({ items: await listUserSessions(user.id, user.sessionId) }),
  },
})
