import { apiRoute } from 'lib/api/apiWrapper'
import { getPoolManager } from 'lib/api/database/pool-manager'

export default apiRoute({
  GET: { permission: 'admin', handler: async ({ access }) => ({ pools: getPoolManager().stats(access.project.id) }) },
})
