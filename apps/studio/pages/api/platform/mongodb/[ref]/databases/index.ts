import { z } from 'zod'

import { apiRoute } from 'lib/api/apiWrapper'
import { listMongoDatabases } from 'lib/api/database/mongodb/databases'
import { resolveMaxTimeMS } from 'lib/api/database/mongodb/time-limit'
import { withMongo } from 'lib/api/database/mongodb/with-mongo'

const query = z.object({ connectionId: z.string().uuid().optional() })

export default apiRoute({
  GET: {
    permission: 'read',
    query,
    handler: ({ access, query }) => withMongo(access, query.connectionId, (client) => listMongoDatabases(client, resolveMaxTimeMS(undefined))),
  },
})
