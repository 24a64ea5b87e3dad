import { apiRoute } from 'lib/api/apiWrapper'
import { getOpenApiDocument } from 'lib/api/openapi/document'

export default apiRoute(
  {
    // Public like /api/version: it describes routes, every one of which still checks its caller.
    GET: { permission: 'none', handler: async () => getOpenApiDocument() },
  },
  { withAuth: false }
)
