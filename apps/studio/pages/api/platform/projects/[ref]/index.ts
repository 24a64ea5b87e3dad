import { apiRoute } from 'lib/api/apiWrapper'

export default apiRoute({
  GET: {
    permission: 'read',
    handler: async ({ access }) => ({ ...access.project, role: access.role }),
  },
})
