import { addMemberSchema, removeMemberSchema, updateMemberSchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { getPlatformDatabase } from 'lib/api/platform/database'
import {
  addProjectMember,
  listProjectMembers,
  removeProjectMember,
  updateProjectMemberRole,
} from 'lib/api/platform/members'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  GET: {
    permission: 'admin',
    handler: async ({ access }) => listProjectMembers(await getPlatformDatabase(), access.project.id),
  },
  POST: {
    permission: 'admin',
    body: addMemberSchema,
    status: 201,
    handler: async ({ access, body }) =>
      addProjectMember(await getPlatformDatabase(), access.project.id, body.userId, body.role),
  },
  PATCH: {
    permission: 'admin',
    body: updateMemberSchema,
    handler: async ({ access, body }) =>
      (await getPlatformDatabase()).transaction((tx) => updateProjectMemberRole(tx, access.project.id, body.userId, body.role)),
  },
  DELETE: {
    permission: 'admin',
    body: removeMemberSchema,
    handler: async ({ access, body }) => {
      await (await getPlatformDatabase()).transaction((tx) => removeProjectMember(tx, access.project.id, body.userId))
      return { removed: true, userId: body.userId }
    },
  },
})
