import { apiRoute } from 'lib/api/apiWrapper'
import { connectionItemRoutes } from 'lib/api/connection-routes'

export const config = { api: { bodyParser: false } }

export default apiRoute(connectionItemRoutes('redis'))
