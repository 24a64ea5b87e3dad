import { syncValidateBodySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { validateSync } from 'lib/api/sync/schema/validate'

export const config = { api: { bodyParser: false } }

/**
 * Changes nothing, yet `write`: it reads both databases in full (every table definition, a sample
 * of keys and documents) as the first step of creating a sync job, which read_only members cannot.
 */
export default apiRoute({
  POST: {
    permission: 'write',
    body: syncValidateBodySchema,
    handler: ({ access, body }) => validateSync(access.project, body),
  },
})
