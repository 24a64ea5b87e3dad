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
  mergeConnectionUpdate,
  readConnectionPassword,
  recordConnectionStatus,
  toConnection,
  updateConnection,
} from './platform/connections'
import { resolveConnectHost } from './database/host-guard'
import { assertReadOnlyLogin, checkReadOnlyLogin } from './database/postgres/check-read-only-login'
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
        // Refuse a disallowed host, or a read-only login that can write, before anything is written.
        await resolveConnectHost(body.host)
        if (body.readOnlyUsername) {
          await assertReadOnlyLogin({
            host: body.host,
            port: body.port,
            options: body.options,
            username: body.readOnlyUsername,
            password: body.readOnlyPassword,
          })
        }
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
        const current = await getDatabaseConnection(access.project, type, query.id)
        // The read-only login is checked again on every change: a new host, database or password
        // can make the same user name a different login.
        const next = mergeConnectionUpdate(type, current, body)
        if (next.readOnlyUsername) {
          await assertReadOnlyLogin({
            host: next.host,
            port: next.port,
            options: next.options,
            username: next.readOnlyUsername,
            password:
              body.readOnlyPassword === undefined
                ? await readConnectionPassword(access.project, current, 'read_only_password')
                : (body.readOnlyPassword ?? undefined),
          })
        }
        const row = await updateConnection(access.project, type, query.id, body, current)
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
      // Opens a connection to a server the caller named: strict, so it can't become a port scanner.
      rateLimit: 'expensive',
      query: idQuery,
      handler: async ({ access, query }) => {
        try {
          const { result, row } = await withDatabaseClient(access.project, type, query.id, async (client, row) => {
            const latencyMs = await client.ping()
            const info = await client.getInfo()
            return { result: { ok: true as const, latencyMs: Math.round(latencyMs * 100) / 100, serverVersion: info.version }, row }
          })
          // Reported, not refused: privileges granted after the login was saved show up here.
          const readOnlyLogin = row.read_only_username
            ? await checkReadOnlyLogin({
                host: row.host,
                port: row.port,
                options: row.options,
                username: row.read_only_username,
                password: await readConnectionPassword(access.project, row, 'read_only_password'),
              })
            : undefined
          await recordConnectionStatus(access.project, query.id, 'active')
          return readOnlyLogin ? { ...result, readOnlyLogin } : result
        } catch (error) {
          await recordConnectionStatus(access.project, query.id, 'error').catch(() => undefined)
          throw error
        }
      },
    },
  }
}
