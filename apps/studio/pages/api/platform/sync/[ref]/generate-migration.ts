import { generateMigrationBodySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { assertRoleAllows } from 'lib/api/authorization'
import { recordAudit } from 'lib/api/platform/audit'
import { generateOrApplyMigration } from 'lib/api/sync/schema/migration-service'

export const config = { api: { bodyParser: false } }

const ROUTE = '/api/platform/sync/[ref]/generate-migration'

/** Generating is a developer's step; applying changes the target's schema, so it takes an admin. */
export default apiRoute({
  POST: {
    permission: 'write',
    body: generateMigrationBodySchema,
    handler: async ({ access, body, user, requestId }) => {
      if (body.apply) assertRoleAllows(access.role, 'admin')
      const result = await generateOrApplyMigration(access.project, body)
      if (result.applied) {
        await recordAudit({
          requestId,
          userId: user.id || null,
          userEmail: user.email ?? null,
          projectId: access.project.id,
          action: `APPLY ${ROUTE}`,
          route: ROUTE,
          kind: 'admin',
          target: JSON.stringify({ ref: access.project.ref, connectionId: body.targetConnectionId }),
          status: 200,
          details: { statements: result.statements.length, sha256: result.sha256 },
        })
      }
      return result
    },
  },
})
