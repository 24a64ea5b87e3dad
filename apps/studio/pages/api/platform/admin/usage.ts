import { getAdminUsage } from 'lib/api/admin/status'
import { apiRoute } from 'lib/api/apiWrapper'

export const config = { api: { bodyParser: false } }

export default apiRoute({ GET: { permission: 'none', handler: () => getAdminUsage() } }, { platformAdmin: true })
