import type {
  Connection,
  CreateConnectionInput,
  DatabaseType,
  UpdateConnectionInput,
} from '@multibase/api-contracts'
import { connectionOptionsSchemas } from '@multibase/api-contracts'

import { ConflictError, NotFoundError } from '../database/errors'
import { getPlatformDatabase, type Queryable } from './database'
import { openSecret, sealSecret } from './encryption'
import { KEEP_ALIVE_JSON, toKeepAliveStatus, type KeepAliveRow } from './keep-alive'

/** A `database_connections` row as the server uses it (never sent as is: see `toConnection`). */
export interface ConnectionRow {
  id: string
  project_id: string
  database_type: DatabaseType
  identifier: string
  host: string
  port: number
  username: string | null
  options: Record<string, unknown>
  is_primary: boolean
  status: 'unknown' | 'active' | 'error'
  last_checked_at: Date | null
  created_at: Date
  updated_at: Date
  has_password: boolean
  read_only_username: string | null
  has_read_only_password: boolean
  /** The platform.connection_keep_alive row as JSON, null when keep-alive was never set. */
  keep_alive?: KeepAliveRow | null
}

/** The sealed secrets of a connection: the main login's password and the read-only login's. */
export type SecretKind = 'password' | 'read_only_password'

export interface ProjectRef {
  id: string
  organizationId: string
  /**
   * The project's connection rows, when they were read in the same query as the caller's access at
   * the start of this request (see getProjectAccess); `withDatabaseClient` then needs no query of
   * its own. Absent elsewhere (jobs, WebSocket upgrades), where the rows are read on demand.
   */
  connections?: readonly ConnectionRow[]
}

const hasSecret = (kind: SecretKind) => `EXISTS (
    SELECT 1 FROM platform.credentials s WHERE s.owner_id = c.id AND s.kind = '${kind}'
  )`
const HAS_PASSWORD = hasSecret('password')
const HAS_READ_ONLY_PASSWORD = hasSecret('read_only_password')

const SELECT_CONNECTION = `
  SELECT c.*, ${HAS_PASSWORD} AS has_password, ${HAS_READ_ONLY_PASSWORD} AS has_read_only_password,
         ${KEEP_ALIVE_JSON} AS keep_alive
  FROM platform.database_connections c`

/**
 * SQL for a JSON array of a project's connection rows (all engines), to embed in the access query;
 * `projectIdSql` is the SQL expression of the project id.
 */
export const projectConnectionsJson = (projectIdSql: string) => `
  (SELECT coalesce(json_agg(to_jsonb(c) || jsonb_build_object('has_password', ${HAS_PASSWORD}, 'has_read_only_password', ${HAS_READ_ONLY_PASSWORD}, 'keep_alive', ${KEEP_ALIVE_JSON})), '[]'::json)
     FROM platform.database_connections c WHERE c.project_id = ${projectIdSql})`

/** The API shape: the user names and whether passwords are set, never a password. */
export function toConnection(row: ConnectionRow): Connection {
  return {
    id: row.id,
    type: row.database_type,
    identifier: row.identifier,
    host: row.host,
    port: row.port,
    username: row.username,
    hasPassword: row.has_password,
    readOnlyUsername: row.read_only_username ?? null,
    hasReadOnlyPassword: row.has_read_only_password ?? false,
    options: row.options,
    isPrimary: row.is_primary,
    status: row.status,
    lastCheckedAt: row.last_checked_at ? new Date(row.last_checked_at).toISOString() : null,
    keepAlive: row.keep_alive ? toKeepAliveStatus(row.keep_alive) : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}

/**
 * Binds a sealed secret to its organization, connection and kind (see encryption.ts), so a sealed
 * read-only password can't be swapped in as the main one.
 */
export const secretAad = (project: ProjectRef, connectionId: string, kind: SecretKind = 'password') =>
  `${project.organizationId}:${connectionId}:${kind}`

export async function listConnections(project: ProjectRef, type: DatabaseType): Promise<ConnectionRow[]> {
  const db = await getPlatformDatabase()
  return db.query<ConnectionRow>(
    `${SELECT_CONNECTION} WHERE c.project_id = $1 AND c.database_type = $2 ORDER BY c.is_primary DESC, c.identifier`,
    [project.id, type]
  )
}

/** The connection a request uses, read now (see `selectConnection` for which one). */
export async function getDatabaseConnection(
  project: ProjectRef,
  type: DatabaseType,
  connectionId?: string
): Promise<ConnectionRow> {
  const db = await getPlatformDatabase()
  const rows = connectionId
    ? await db.query<ConnectionRow>(`${SELECT_CONNECTION} WHERE c.project_id = $1 AND c.database_type = $2 AND c.id = $3`, [
        project.id,
        type,
        connectionId,
      ])
    : await db.query<ConnectionRow>(
        `${SELECT_CONNECTION} WHERE c.project_id = $1 AND c.database_type = $2 ORDER BY c.is_primary DESC, c.created_at LIMIT 2`,
        [project.id, type]
      )
  return selectConnection(rows, type, connectionId)
}

/**
 * Picks the connection a request uses from a project's rows of this type: the one named by id, else
 * the primary one, else the only one. 404 when there is none, so "no Redis configured" reads as such.
 */
export function selectConnection(rows: readonly ConnectionRow[], type: DatabaseType, connectionId?: string): ConnectionRow {
  const candidates = rows
    .filter((row) => row.database_type === type && (!connectionId || row.id === connectionId))
    .sort((a, b) => Number(b.is_primary) - Number(a.is_primary) || new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
  if (candidates.length === 0) {
    throw new NotFoundError(
      connectionId ? 'Connection not found' : `This project has no ${type} connection yet`,
      connectionId ? 'CONNECTION_NOT_FOUND' : 'NO_CONNECTION'
    )
  }
  if (!connectionId && candidates.length > 1 && !candidates[0].is_primary) {
    throw new NotFoundError(`This project has several ${type} connections and none is primary; pass connectionId`, 'NO_CONNECTION')
  }
  return candidates[0]
}

export async function readConnectionPassword(
  project: ProjectRef,
  row: Pick<ConnectionRow, 'id'>,
  kind: SecretKind = 'password'
): Promise<string | undefined> {
  const db = await getPlatformDatabase()
  const [secret] = await db.query<{ key_id: string; iv: Buffer; auth_tag: Buffer; ciphertext: Buffer }>(
    `SELECT key_id, iv, auth_tag, ciphertext FROM platform.credentials WHERE owner_id = $1 AND kind = $2`,
    [row.id, kind]
  )
  if (!secret) return undefined
  return openSecret(
    { keyId: secret.key_id, iv: secret.iv, authTag: secret.auth_tag, ciphertext: secret.ciphertext },
    secretAad(project, row.id, kind)
  )
}

async function writePassword(
  tx: Queryable,
  project: ProjectRef,
  connectionId: string,
  password: string | null,
  kind: SecretKind = 'password'
) {
  if (password === null) {
    await tx.query(`DELETE FROM platform.credentials WHERE owner_id = $1 AND kind = $2`, [connectionId, kind])
    return
  }
  const sealed = sealSecret(password, secretAad(project, connectionId, kind))
  await tx.query(
    `INSERT INTO platform.credentials (project_id, owner_id, kind, key_id, iv, auth_tag, ciphertext)
     VALUES ($1, $2, $7, $3, $4, $5, $6)
     ON CONFLICT (owner_id, kind) DO UPDATE
       SET key_id = EXCLUDED.key_id, iv = EXCLUDED.iv, auth_tag = EXCLUDED.auth_tag,
           ciphertext = EXCLUDED.ciphertext, updated_at = now()`,
    [project.id, connectionId, sealed.keyId, sealed.iv, sealed.authTag, sealed.ciphertext, kind]
  )
}

async function assertIdentifierFree(tx: Queryable, project: ProjectRef, type: DatabaseType, identifier: string, exceptId?: string) {
  const clash = await tx.query(
    `SELECT 1 FROM platform.database_connections
      WHERE project_id = $1 AND database_type = $2 AND identifier = $3 AND id IS DISTINCT FROM $4`,
    [project.id, type, identifier, exceptId ?? null]
  )
  if (clash.length > 0) throw new ConflictError(`A ${type} connection named "${identifier}" already exists`, 'CONNECTION_EXISTS')
}

/** Creates a connection and its sealed password in one transaction. The first of a type is primary. */
export async function createConnection(
  project: ProjectRef,
  type: DatabaseType,
  input: CreateConnectionInput
): Promise<ConnectionRow> {
  const db = await getPlatformDatabase()
  const id = await db.transaction(async (tx) => {
    await assertIdentifierFree(tx, project, type, input.identifier)
    const [{ count }] = await tx.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM platform.database_connections WHERE project_id = $1 AND database_type = $2`,
      [project.id, type]
    )
    const primary = input.isPrimary ?? count === 0
    if (primary) {
      await tx.query(
        `UPDATE platform.database_connections SET is_primary = false, updated_at = now()
          WHERE project_id = $1 AND database_type = $2 AND is_primary`,
        [project.id, type]
      )
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO platform.database_connections
         (project_id, database_type, identifier, host, port, username, options, is_primary, read_only_username)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [project.id, type, input.identifier, input.host, input.port, input.username ?? null, input.options, primary, input.readOnlyUsername ?? null]
    )
    if (input.password) await writePassword(tx, project, row.id, input.password)
    if (input.readOnlyPassword) await writePassword(tx, project, row.id, input.readOnlyPassword, 'read_only_password')
    return row.id
  })
  return getDatabaseConnection(project, type, id)
}

/** The connection as an update would leave it (options merged), to check before anything is written. */
export function mergeConnectionUpdate(type: DatabaseType, current: ConnectionRow, input: UpdateConnectionInput) {
  return {
    host: input.host ?? current.host,
    port: input.port ?? current.port,
    options: input.options ? connectionOptionsSchemas[type].parse({ ...current.options, ...input.options }) : current.options,
    readOnlyUsername: input.readOnlyUsername === undefined ? current.read_only_username : input.readOnlyUsername,
  }
}

export async function updateConnection(
  project: ProjectRef,
  type: DatabaseType,
  id: string,
  input: UpdateConnectionInput,
  known?: ConnectionRow
): Promise<ConnectionRow> {
  const db = await getPlatformDatabase()
  const current = known ?? (await getDatabaseConnection(project, type, id))
  const { options, readOnlyUsername } = mergeConnectionUpdate(type, current, input)
  await db.transaction(async (tx) => {
    if (input.identifier) await assertIdentifierFree(tx, project, type, input.identifier, id)
    if (input.isPrimary) {
      await tx.query(
        `UPDATE platform.database_connections SET is_primary = false, updated_at = now()
          WHERE project_id = $1 AND database_type = $2 AND is_primary AND id <> $3`,
        [project.id, type, id]
      )
    }
    await tx.query(
      `UPDATE platform.database_connections
          SET identifier = $2, host = $3, port = $4, username = $5, options = $6, is_primary = $7,
              read_only_username = $8, status = 'unknown', updated_at = clock_timestamp()
        WHERE id = $1`,
      [
        id,
        input.identifier ?? current.identifier,
        input.host ?? current.host,
        input.port ?? current.port,
        input.username === undefined ? current.username : input.username,
        options,
        input.isPrimary ?? current.is_primary,
        readOnlyUsername,
      ]
    )
    if (input.password !== undefined) await writePassword(tx, project, id, input.password)
    // Removing the read-only login removes its password with it.
    const readOnlyPassword = readOnlyUsername === null ? null : input.readOnlyPassword
    if (readOnlyPassword !== undefined) await writePassword(tx, project, id, readOnlyPassword, 'read_only_password')
  })
  return getDatabaseConnection(project, type, id)
}

export async function deleteConnection(project: ProjectRef, type: DatabaseType, id: string): Promise<void> {
  const db = await getPlatformDatabase()
  await db.transaction(async (tx) => {
    const rows = await tx.query(
      `DELETE FROM platform.database_connections WHERE project_id = $1 AND database_type = $2 AND id = $3 RETURNING id`,
      [project.id, type, id]
    )
    if (rows.length === 0) throw new NotFoundError('Connection not found', 'CONNECTION_NOT_FOUND')
    await tx.query(`DELETE FROM platform.credentials WHERE owner_id = $1`, [id])
  })
}

export async function recordConnectionStatus(project: ProjectRef, id: string, status: 'active' | 'error'): Promise<void> {
  const db = await getPlatformDatabase()
  await db.query(
    `UPDATE platform.database_connections SET status = $3, last_checked_at = now() WHERE id = $1 AND project_id = $2`,
    [id, project.id, status]
  )
}
