import { apiRoute } from 'lib/api/apiWrapper'
import { ConnectionError } from 'lib/api/database/errors'
import { getPlatformDatabase } from 'lib/api/platform/database'

export default apiRoute(
  {
    GET: {
      permission: 'none',
      handler: async () => {
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
