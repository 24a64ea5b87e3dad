import { apiRoute } from 'lib/api/apiWrapper'
import { getEnv } from 'lib/env'
import packageJson from '../../package.json'

export default apiRoute(
  {
    GET: {
      permission: 'none',
      handler: async () => ({
        name: 'multibase-studio',
        version: packageJson.version,
        mode: getEnv().NEXT_PUBLIC_IS_PLATFORM ? 'platform' : 'self-hosted',
        node: process.version,
      }),
    },
  },
  { withAuth: false }
)
