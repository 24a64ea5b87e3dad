import { getAdminStatus } from 'lib/api/admin/status'
import { apiRoute } from 'lib/api/apiWrapper'

export const config = { api: { bodyParser: false } }

/** Platform admins: platform DB, queue, pools and every instance's heartbeat. */
export default apiRoute({ GET: { permission: 'none', handler: () => getAdminStatus() } }, { platformAdmin: true })
