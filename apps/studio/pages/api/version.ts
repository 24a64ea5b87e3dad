import { apiRoute } from 'lib/api/apiWrapper'
import { getPlatformDatabase } from 'lib/api/platform/database'
import { getEnv } from 'lib/env'
import packageJson from '../../package.json'

/**
 * Public: what is deployed. `commit` comes from the deploy platform's environment when it sets one;
 * `schema` is the newest platform migration applied (null when the platform database is unreachable).
 */
export default apiRoute(
  {
    GET: {
      permission: 'none',
      handler: async () => {
        let schema: string | null = null
        try {
          const db = await getPlatformDatabase()
          const rows = await db.query<{ name: string }>('SELECT max(name) AS name FROM platform.schema_migrations')
          schema = rows[0]?.name ?? null
        } catch {
          schema = null
        }
        return {
          name: 'multibase-studio',
          version: packageJson.version,
          mode: getEnv().NEXT_PUBLIC_IS_PLATFORM ? 'platform' : 'self-hosted',
          node: process.version,
          commit: process.env.GIT_COMMIT_SHA ?? process.env.RAILWAY_GIT_COMMIT_SHA ?? null,
          schema,
        }
      },
    },
  },
  { withAuth: false }
)
