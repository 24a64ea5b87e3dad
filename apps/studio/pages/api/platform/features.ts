import { isPlatformAdmin } from 'lib/api/admin/platform-admin'
import { apiRoute } from 'lib/api/apiWrapper'
import { jobDefinitions } from 'lib/api/jobs/registry'
import { getEnv } from 'lib/env'

export const config = { api: { bodyParser: false } }

/** What this Studio offers the caller: the UI shows the admin console only when `platformAdmin`. */
export default apiRoute({
  GET: {
    permission: 'none',
    handler: async ({ user }) => ({
      platform: getEnv().NEXT_PUBLIC_IS_PLATFORM,
      platformAdmin: isPlatformAdmin(user),
      engines: ['postgres', 'redis', 'mongodb'],
      jobs: jobDefinitions.map((job) => job.kind),
      keepAlive: true,
      sessions: getEnv().NEXT_PUBLIC_IS_PLATFORM,
    }),
  },
})
