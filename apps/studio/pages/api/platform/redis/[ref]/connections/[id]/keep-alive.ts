import { apiRoute } from 'lib/api/apiWrapper'
import { connectionKeepAliveRoutes } from 'lib/api/keep-alive-routes'

export const config = { api: { bodyParser: false } }

export default apiRoute(connectionKeepAliveRoutes('redis'))
