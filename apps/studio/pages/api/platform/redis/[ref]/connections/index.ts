import { apiRoute } from 'lib/api/apiWrapper'
import { connectionCollectionRoutes } from 'lib/api/connection-routes'

export const config = { api: { bodyParser: false } }

export default apiRoute(connectionCollectionRoutes('redis'))
