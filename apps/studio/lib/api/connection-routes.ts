import {
  createConnectionSchema,
  updateConnectionSchema,
  type DatabaseType,
} from '@multibase/api-contracts'
import { z } from 'zod'

import type { MethodTable } from './apiWrapper'
import { withDatabaseClient } from './database/helpers'
import { getPoolManager } from './database/pool-manager'
import {
  createConnection,
  deleteConnection,
  getDatabaseConnection,
  listConnections,
  recordConnectionStatus,
  toConnection,
  updateConnection,
} from './platform/connections'
import { resolveConnectHost } from './database/host-guard'
import { getChangeFeed, type PlatformChange } from './platform/change-feed'

/** After the commit, so this instance's cached access never serves the old rows (others hear NOTIFY). */
const announce = (op: PlatformChange['op'], projectId: string, connectionId: string) =>
  getChangeFeed().announceLocalChange({ table: 'database_connections', op, project_id: projectId, connection_id: connectionId })

/**
 * The connection registry is the same for every engine; each engine's route files are one line that
 * picks its table from here.
 */
const idQuery = z.object({ id: z.string().uuid('Connection id must be a UUID') })

export function connectionCollectionRoutes(type: DatabaseType): MethodTable {
  return {
    GET: {
      permission: 'read',
      handler: async ({ access }) => (await listConnections(access.project, type)).map(toConnection),
    },
    POST: {
      permission: 'admin',
      body: createConnectionSchema(type),
      status: 201,
      handler: async ({ access, body }) => {
        // Refuse a disallowed host before anything is written.
        await resolveConnectHost(body.host)
        const row = await createConnection(access.project, type, body)
        announce('INSERT', access.project.id, row.id)
        return toConnection(row)
      },
    },
  }
}

export function connectionItemRoutes(type: DatabaseType): MethodTable {
  return {
    GET: {
      permission: 'read',
      query: idQuery,
      handler: async ({ access, query }) => toConnection(await getDatabaseConnection(access.project, type, query.id)),
    },
    PUT: {
      permission: 'admin',
      query: idQuery,
      body: updateConnectionSchema(type),
      handler: async ({ access, query, body }) => {
        if (body.host) await resolveConnectHost(body.host)
        const row = await updateConnection(access.project, type, query.id, body)
        announce('UPDATE', access.project.id, query.id)
        await getPoolManager().closeConnection(query.id)
        return toConnection(row)
      },
    },
    DELETE: {
      permission: 'admin',
      query: idQuery,
      handler: async ({ access, query }) => {
        await deleteConnection(access.project, type, query.id)
        announce('DELETE', access.project.id, query.id)
        await getPoolManager().closeConnection(query.id)
        return { deleted: true, id: query.id }
      },
    },
  }
}

export function connectionTestRoutes(type: DatabaseType): MethodTable {
  return {
    POST: {
      permission: 'admin',
      query: idQuery,
      handler: async ({ access, query }) => {
        try {
          const result = await withDatabaseClient(access.project, type, query.id, async (client) => {
            const latencyMs = await client.ping()
            const info = await client.getInfo()
            return { ok: true as const, latencyMs: Math.round(latencyMs * 100) / 100, serverVersion: info.version }
          })
          await recordConnectionStatus(access.project, query.id, 'active')
          return result
        } catch (error) {
          await recordConnectionStatus(access.project, query.id, 'error').catch(() => undefined)
          throw error
        }
      },
    },
  }
}
