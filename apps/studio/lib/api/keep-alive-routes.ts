import { keepAliveInputSchema, type DatabaseType } from '@multibase/api-contracts'
import { z } from 'zod'

import type { MethodTable } from './apiWrapper'
import { getDatabaseConnection } from './platform/connections'
import { setKeepAlive } from './platform/keep-alive'

const idQuery = z.object({ id: z.string().uuid('Connection id must be a UUID') })

/** `POST /api/platform/<engine>/[ref]/connections/[id]/keep-alive` (admins): turns the periodic ping on or off. */
export function connectionKeepAliveRoutes(type: DatabaseType): MethodTable {
  return {
    POST: {
      permission: 'admin',
      query: idQuery,
      body: keepAliveInputSchema,
      handler: async ({ access, query, body }) => {
        // Another project's or another engine's connection is reported missing like any other.
        const row = await getDatabaseConnection(access.project, type, query.id)
        return setKeepAlive(access.project.id, row.id, body)
      },
    },
  }
}
