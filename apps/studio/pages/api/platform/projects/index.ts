import { createProjectSchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { NotFoundError, ForbiddenError } from 'lib/api/database/errors'
import { getPlatformDatabase } from 'lib/api/platform/database'
import { getOrganizationRole } from 'lib/api/platform/organizations'
import { createProject, listProjectsForUser } from 'lib/api/platform/projects'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  GET: { permission: 'none', handler: async ({ user }) => listProjectsForUser(user.id) },
  POST: {
    permission: 'write',
    body: createProjectSchema,
    status: 201,
    handler: async ({ user, body }) => {
      const role = await getOrganizationRole(body.organizationId, user.id)
      if (!role) throw new NotFoundError('Organization not found', 'ORGANIZATION_NOT_FOUND')
      if (role !== 'owner' && role !== 'admin') {
        throw new ForbiddenError('Only owners and admins of an organization can create projects in it')
      }
      const db = await getPlatformDatabase()
      return db.transaction((tx) => createProject(body, user.id, tx))
    },
  },
})
