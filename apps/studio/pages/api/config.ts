import { studioConfigSchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { getEnv } from 'lib/env'

/**
 * Public: what the browser needs before anyone signs in. NEXT_PUBLIC_ variables are inlined at build
 * time, so the mode and the GoTrue address are read from the server's environment at runtime instead.
 */
export default apiRoute(
  {
    GET: {
      permission: 'none',
      handler: async () => {
        const env = getEnv()
        return studioConfigSchema.parse({ isPlatform: env.NEXT_PUBLIC_IS_PLATFORM, gotrueUrl: env.GOTRUE_URL ?? null })
      },
    },
  },
  { withAuth: false }
)
