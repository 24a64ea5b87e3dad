import { mongoIndexQuerySchema } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { dropMongoIndex } from 'lib/api/database/mongodb/indexes'
import { resolveMaxTimeMS } from 'lib/api/database/mongodb/time-limit'
import { withMongo } from 'lib/api/database/mongodb/with-mongo'

export default apiRoute({
  DELETE: {
    permission: 'write',
    query: mongoIndexQuerySchema,
    handler: ({ access, query }) =>
      withMongo(access, query.connectionId, (client) => dropMongoIndex(client, query.db, query.coll, query.name, resolveMaxTimeMS(undefined))),
  },
})
