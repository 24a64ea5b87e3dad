import { apiRoute } from 'lib/api/apiWrapper'
import { getEnv } from 'lib/env'

/** Who the Studio thinks the caller is, and which mode it runs in (the UI's first call). */
export default apiRoute({
  GET: {
    permission: 'none',
    handler: async ({ user }) => ({
      id: user.id,
      email: user.email ?? null,
      local: user.local,
      isPlatform: getEnv().NEXT_PUBLIC_IS_PLATFORM,
    }),
  },
})
