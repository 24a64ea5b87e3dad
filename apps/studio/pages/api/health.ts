import { healthQuerySchema, type HealthResponse } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { ConnectionError } from 'lib/api/database/errors'
import { getPlatformDatabase } from 'lib/api/platform/database'
import { isDraining } from 'lib/server/lifecycle'

// One object for every shallow probe: nothing in it depends on the request.
const SHALLOW: HealthResponse = { status: 'ok', platformDatabase: 'not-checked' }

export default apiRoute(
  {
    GET: {
      permission: 'none',
      query: healthQuerySchema,
      handler: async ({ query }): Promise<HealthResponse> => {
        // Shutting down: load balancers must stop sending here at once, before the listener closes.
        if (isDraining()) throw new ConnectionError('This Studio instance is shutting down', 'DRAINING')
        // A probe many times a second must not cost a platform query (nor wake the embedded one).
        if (query.deep !== '1') return SHALLOW
        try {
          const db = await getPlatformDatabase()
          await db.query('SELECT 1')
          return { status: 'ok', platformDatabase: db.embedded ? 'embedded' : 'postgres' }
        } catch {
          throw new ConnectionError('The platform database is not reachable', 'PLATFORM_DB_UNAVAILABLE')
        }
      },
    },
  },
  { withAuth: false }
)
