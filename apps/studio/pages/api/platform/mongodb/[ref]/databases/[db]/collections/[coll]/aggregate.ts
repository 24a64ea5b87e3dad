import { mongoAggregateSchema, mongoCollectionQuerySchema, pipelineWritesData } from '@multibase/api-contracts'

import { apiRoute } from 'lib/api/apiWrapper'
import { assertRoleAllows } from 'lib/api/authorization'
import { previewMongoAggregate, runMongoAggregate } from 'lib/api/database/mongodb/aggregate'
import { pipelineFromBody } from 'lib/api/database/mongodb/ejson-input'
import { resolveMaxTimeMS } from 'lib/api/database/mongodb/time-limit'
import { withMongo } from 'lib/api/database/mongodb/with-mongo'
import { recordAudit } from 'lib/api/platform/audit'
import { routeTemplateOf } from 'lib/server/route-template'

export const config = { api: { bodyParser: false } }

/**
 * Aggregation is a read (a read_only member may run it) unless the pipeline writes with `$out` or
 * `$merge`: then the caller needs write rights and the call is audited like any other write.
 */
export default apiRoute({
  POST: {
    permission: 'read',
    rateLimit: 'expensive',
    query: mongoCollectionQuerySchema,
    body: mongoAggregateSchema,
    handler: async ({ access, query, body, user, requestId, req }) => {
      const pipeline = pipelineFromBody(body.pipeline)
      const options = { format: body.format, maxTimeMS: resolveMaxTimeMS(body.maxTimeMS), allowDiskUse: body.allowDiskUse }
      if (body.preview) {
        return withMongo(access, query.connectionId, (client) =>
          previewMongoAggregate(client, query.db, query.coll, pipeline, { ...options, limit: body.preview!.limit })
        )
      }
      if (!pipelineWritesData(pipeline)) {
        return withMongo(access, query.connectionId, (client) =>
          runMongoAggregate(client, query.db, query.coll, pipeline, { ...options, limit: body.limit })
        )
      }
      assertRoleAllows(access.role, 'write')
      let status = 500
      try {
        const result = await withMongo(access, query.connectionId, (client) =>
          runMongoAggregate(client, query.db, query.coll, pipeline, { ...options, limit: body.limit })
        )
        status = 200
        return result
      } catch (error) {
        status = (error as { status?: number }).status ?? 500
        throw error
      } finally {
        await recordAudit({
          requestId,
          userId: user.id || null,
          projectId: access.project.id,
          action: `POST ${routeTemplateOf(req)} ($out/$merge)`,
          route: routeTemplateOf(req),
          target: JSON.stringify({ ref: access.project.ref, db: query.db, coll: query.coll }),
          status,
        })
      }
    },
  },
})
