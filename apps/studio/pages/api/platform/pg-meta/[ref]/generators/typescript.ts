import { pgTypescriptQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { withDatabaseClient } from 'lib/api/database/helpers'
import { generateTypescript } from 'lib/api/database/postgres/typescript'

/** The generated text comes wrapped as `{ types }`, so every response of the API stays JSON. */
export default apiRoute({
  GET: {
    permission: 'read',
    query: pgTypescriptQuerySchema,
    handler: async ({ access, query }) => ({
      types: await withDatabaseClient(access.project, 'postgres', query.connectionId, (client) => generateTypescript(client.native, query)),
    }),
  },
})
