import { apiRoute } from 'lib/api/apiWrapper'

export default apiRoute({
  GET: {
    permission: 'read',
    handler: async ({ access: { project, role } }) => ({
      id: project.id,
      ref: project.ref,
      name: project.name,
      organizationId: project.organizationId,
      role,
    }),
  },
})
