import {
  createConnectionSchema,
  updateConnectionSchema,
  type Connection,
  type DatabaseType,
} from '@multibase/api-contracts'

import { DEFAULT_PORTS } from './engines'

/** What the add/edit panel edits: strings as typed, turned into the API body on submit. */
export interface ConnectionFormValues {
  identifier: string
  host: string
  port: string
  username: string
  /** Write-only: blank means "keep the stored password" when editing. */
  password: string
  clearPassword: boolean
  isPrimary: boolean
  tlsEnabled: boolean
  tlsRejectUnauthorized: boolean
  redisDb: string
  database: string
  authSource: string
  replicaSet: string
  directConnection: boolean
  /** Postgres: the login read_only members' SQL runs under; blank means none (removed when editing). */
  readOnlyUsername: string
  /** Write-only like `password`: blank keeps the stored one when editing. */
  readOnlyPassword: string
}

export type ConnectionFormErrors = Partial<Record<keyof ConnectionFormValues, string>>

export function emptyConnectionForm(type: DatabaseType): ConnectionFormValues {
  return {
    identifier: '',
    host: '127.0.0.1',
    port: String(DEFAULT_PORTS[type]),
    username: '',
    password: '',
    clearPassword: false,
    isPrimary: false,
    tlsEnabled: false,
    tlsRejectUnauthorized: true,
    redisDb: '0',
    database: type === 'postgres' ? 'postgres' : '',
    authSource: '',
    replicaSet: '',
    directConnection: true,
    readOnlyUsername: '',
    readOnlyPassword: '',
  }
}

export function connectionToForm(connection: Connection): ConnectionFormValues {
  const options = connection.options
  const tls = options.tls as { enabled?: boolean; rejectUnauthorized?: boolean } | undefined
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  return {
    identifier: connection.identifier,
    host: connection.host,
    port: String(connection.port),
    username: connection.username ?? '',
    password: '',
    clearPassword: false,
    isPrimary: connection.isPrimary,
    tlsEnabled: tls?.enabled ?? false,
    tlsRejectUnauthorized: tls?.rejectUnauthorized ?? true,
    redisDb: typeof options.db === 'number' ? String(options.db) : '0',
    database: text(options.database) || (connection.type === 'postgres' ? 'postgres' : ''),
    authSource: text(options.authSource),
    replicaSet: text(options.replicaSet),
    directConnection: typeof options.directConnection === 'boolean' ? options.directConnection : true,
    readOnlyUsername: connection.readOnlyUsername ?? '',
    readOnlyPassword: '',
  }
}

function optionsOf(type: DatabaseType, values: ConnectionFormValues): Record<string, unknown> {
  const tls = values.tlsEnabled ? { tls: { enabled: true, rejectUnauthorized: values.tlsRejectUnauthorized } } : {}
  const optional = (value: string) => (value.trim() ? value.trim() : undefined)
  if (type === 'redis') return { db: values.redisDb.trim() === '' ? 0 : Number(values.redisDb), ...tls }
  if (type === 'postgres') return { database: optional(values.database) ?? 'postgres', ...tls }
  return {
    database: optional(values.database),
    authSource: optional(values.authSource),
    replicaSet: optional(values.replicaSet),
    directConnection: values.directConnection,
    ...tls,
  }
}

const FIELD_OF_PATH: Record<string, keyof ConnectionFormValues> = {
  identifier: 'identifier',
  host: 'host',
  port: 'port',
  username: 'username',
  password: 'password',
  'options.db': 'redisDb',
  'options.database': 'database',
  'options.authSource': 'authSource',
  'options.replicaSet': 'replicaSet',
  readOnlyUsername: 'readOnlyUsername',
  readOnlyPassword: 'readOnlyPassword',
}

/** Only Postgres has a read-only login; the other engines' schemas refuse the fields. */
function readOnlyLoginOf(type: DatabaseType, values: ConnectionFormValues) {
  const username = values.readOnlyUsername.trim()
  if (type !== 'postgres' || !username) return {}
  return { readOnlyUsername: username, ...(values.readOnlyPassword ? { readOnlyPassword: values.readOnlyPassword } : {}) }
}

/** When editing, a cleared read-only username removes the login (and its password). */
function readOnlyLoginUpdateOf(type: DatabaseType, values: ConnectionFormValues) {
  if (type === 'postgres' && !values.readOnlyUsername.trim()) return { readOnlyUsername: null }
  return readOnlyLoginOf(type, values)
}

function errorsOf(issues: { path: (string | number)[]; message: string }[]): ConnectionFormErrors {
  const errors: ConnectionFormErrors = {}
  for (const issue of issues) {
    const field = FIELD_OF_PATH[issue.path.join('.')] ?? 'identifier'
    errors[field] ??= issue.message
  }
  return errors
}

/** The POST body, checked with the same schema the server uses. */
export function toCreateBody(type: DatabaseType, values: ConnectionFormValues) {
  const body = {
    identifier: values.identifier,
    host: values.host,
    port: values.port.trim() === '' ? undefined : Number(values.port),
    username: values.username.trim() || undefined,
    password: values.password || undefined,
    isPrimary: values.isPrimary,
    options: optionsOf(type, values),
    ...readOnlyLoginOf(type, values),
  }
  const parsed = createConnectionSchema(type).safeParse(body)
  return parsed.success ? { body, errors: undefined } : { body: undefined, errors: errorsOf(parsed.error.issues) }
}

/** The PUT body: every field as shown, the password only when typed (or null to clear it). */
export function toUpdateBody(type: DatabaseType, values: ConnectionFormValues) {
  const body = {
    identifier: values.identifier,
    host: values.host,
    port: Number(values.port),
    username: values.username.trim() || null,
    ...(values.clearPassword ? { password: null } : values.password ? { password: values.password } : {}),
    isPrimary: values.isPrimary,
    options: optionsOf(type, values),
    ...readOnlyLoginUpdateOf(type, values),
  }
  const parsed = updateConnectionSchema(type).safeParse(body)
  return parsed.success ? { body, errors: undefined } : { body: undefined, errors: errorsOf(parsed.error.issues) }
}
