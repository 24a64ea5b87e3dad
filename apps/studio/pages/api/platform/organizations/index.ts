import { createOrganizationSchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { getPlatformDatabase } from 'lib/api/platform/database'
import { createOrganization, listOrganizationsForUser } from 'lib/api/platform/organizations'

export const config = { api: { bodyParser: false } }

export default apiRoute({
  GET: { permission: 'none', handler: async ({ user }) => listOrganizationsForUser(user.id) },
  POST: {
    permission: 'write',
    body: createOrganizationSchema,
    status: 201,
    handler: async ({ user, body }) => {
      const db = await getPlatformDatabase()
      return db.transaction((tx) => createOrganization(body, user.id, tx))
    },
  },
})
