import { addMemberSchema, removeMemberSchema, updateMemberSchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { getChangeFeed, type PlatformChange } from 'lib/api/platform/change-feed'
import { getPlatformDatabase } from 'lib/api/platform/database'
import {
  addProjectMember,
  listProjectMembers,
  removeProjectMember,
  updateProjectMemberRole,
} from 'lib/api/platform/members'

export const config = { api: { bodyParser: false } }

/** After the commit, so this instance refuses a removed member at once (others hear it by NOTIFY). */
const announce = (op: PlatformChange['op'], projectId: string, userId: string) =>
  getChangeFeed().announceLocalChange({ table: 'members', op, project_id: projectId, user_id: userId })

export default apiRoute({
  GET: {
    permission: 'admin',
    handler: async ({ access }) => listProjectMembers(await getPlatformDatabase(), access.project.id),
  },
  POST: {
    permission: 'admin',
    body: addMemberSchema,
    status: 201,
    handler: async ({ access, body }) => {
      const member = await addProjectMember(await getPlatformDatabase(), access.project.id, body.userId, body.role)
      announce('INSERT', access.project.id, body.userId)
      return member
    },
  },
  PATCH: {
    permission: 'admin',
    body: updateMemberSchema,
    handler: async ({ access, body }) => {
      const db = await getPlatformDatabase()
      const member = await db.transaction((tx) => updateProjectMemberRole(tx, access.project.id, body.userId, body.role))
      announce('UPDATE', access.project.id, body.userId)
      return member
    },
  },
  DELETE: {
    permission: 'admin',
    body: removeMemberSchema,
    handler: async ({ access, body }) => {
      await (await getPlatformDatabase()).transaction((tx) => removeProjectMember(tx, access.project.id, body.userId))
      announce('DELETE', access.project.id, body.userId)
      return { removed: true, userId: body.userId }
    },
  },
})
