import { mongoDatabaseQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { getMongoDatabaseStats } from 'lib/api/database/mongodb/databases'
import { resolveMaxTimeMS } from 'lib/api/database/mongodb/time-limit'
import { withMongo } from 'lib/api/database/mongodb/with-mongo'

export default apiRoute({
  GET: {
    permission: 'read',
    query: mongoDatabaseQuerySchema,
    handler: ({ access, query }) =>
      withMongo(access, query.connectionId, (client) => getMongoDatabaseStats(client, query.db, resolveMaxTimeMS(undefined))),
  },
})
