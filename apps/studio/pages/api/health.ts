import { apiRoute } from 'lib/api/apiWrapper'
import { ConnectionError } from 'lib/api/database/errors'
import { getPlatformDatabase } from 'lib/api/platform/database'
import { isDraining } from 'lib/server/lifecycle'

export default apiRoute(
  {
    GET: {
      permission: 'none',
      handler: async () => {
        // Shutting down: load balancers must stop sending here at once, before the listener closes.
        if (isDraining()) throw new ConnectionError('This Studio instance is shutting down', 'DRAINING')
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
