import { apiRoute } from 'lib/api/apiWrapper'
import { connectionTestRoutes } from 'lib/api/connection-routes'

export const config = { api: { bodyParser: false } }

export default apiRoute(connectionTestRoutes('postgres'))
