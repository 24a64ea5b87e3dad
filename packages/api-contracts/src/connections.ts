import { z } from 'zod'

import { keepAliveStatusSchema } from './admin'

export const databaseTypeSchema = z.enum(['postgres', 'redis', 'mongodb'])
export type DatabaseType = z.infer<typeof databaseTypeSchema>

/** A DNS name, an IPv4 address or an IPv6 address (brackets optional). Validated, not resolved. */
export const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .transform((host) => host.replace(/^\[(.*)\]$/, '$1'))
  .refine(
    (host) => /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/.test(host) || /^[0-9a-fA-F:.]+$/.test(host) && host.includes(':'),
    'Host must be a DNS name or an IP address'
  )

const tlsSchema = z
  .object({
    enabled: z.boolean().default(false),
    rejectUnauthorized: z.boolean().default(true),
    servername: z.string().max(253).optional(),
  })
  .strict()

export const redisOptionsSchema = z.object({ db: z.number().int().min(0).max(255).default(0), tls: tlsSchema.optional() }).strict()
export const mongodbOptionsSchema = z
  .object({
    database: z.string().min(1).max(64).optional(),
    authSource: z.string().min(1).max(64).optional(),
    replicaSet: z.string().min(1).max(128).optional(),
    directConnection: z.boolean().default(true),
    tls: tlsSchema.optional(),
  })
  .strict()
export const postgresOptionsSchema = z
  .object({ database: z.string().min(1).max(63).default('postgres'), tls: tlsSchema.optional() })
  .strict()

export const connectionOptionsSchemas = {
  redis: redisOptionsSchema,
  mongodb: mongodbOptionsSchema,
  postgres: postgresOptionsSchema,
} as const

export type RedisConnectionOptions = z.infer<typeof redisOptionsSchema>
export type MongoConnectionOptions = z.infer<typeof mongodbOptionsSchema>
export type PostgresConnectionOptions = z.infer<typeof postgresOptionsSchema>
export type ConnectionOptions = RedisConnectionOptions | MongoConnectionOptions | PostgresConnectionOptions

const defaultPorts: Record<DatabaseType, number> = { postgres: 5432, redis: 6379, mongodb: 27017 }

const portSchema = z.coerce.number().int().min(1, 'Port must be 1–65535').max(65535, 'Port must be 1–65535')

function connectionFields<T extends z.ZodTypeAny>(options: T) {
  return {
    identifier: z.string().trim().min(1).max(100),
    host: hostSchema,
    port: portSchema,
    username: z.string().max(256).optional(),
    /** Write-only: stored encrypted, never returned. */
    password: z.string().max(4096).optional(),
    isPrimary: z.boolean().optional(),
    options: options.optional(),
    /** Postgres only: the login read_only members' SQL and row reads run under. */
    readOnlyUsername: z.string().trim().min(1).max(256).optional(),
    /** Write-only, like `password`. */
    readOnlyPassword: z.string().max(4096).optional(),
  }
}

const READ_ONLY_LOGIN_FIELDS = ['readOnlyUsername', 'readOnlyPassword'] as const

/** Only Postgres connections have a read-only login; other engines refuse the fields. */
function refuseReadOnlyLoginUnlessPostgres(type: DatabaseType, input: Record<string, unknown>, ctx: z.RefinementCtx): boolean {
  if (type === 'postgres') return true
  let ok = true
  for (const field of READ_ONLY_LOGIN_FIELDS) {
    if (input[field] !== undefined) {
      ctx.addIssue({ code: 'custom', path: [field], message: 'Only Postgres connections have a read-only login' })
      ok = false
    }
  }
  return ok
}

/**
 * Input of `POST .../connections`: the fields, or a `url` (`redis://`, `mongodb://`, `postgres://`)
 * that is split into them. The URL itself is never stored; its password is, encrypted.
 */
export function createConnectionSchema(type: DatabaseType) {
  const fields = connectionFields(connectionOptionsSchemas[type])
  return z
    .object({ ...fields, host: fields.host.optional(), port: fields.port.optional(), url: z.string().max(4096).optional() })
    .strict()
    .transform((input, ctx) => {
      if (!refuseReadOnlyLoginUnlessPostgres(type, input, ctx)) return z.NEVER
      if (input.readOnlyPassword !== undefined && input.readOnlyUsername === undefined) {
        ctx.addIssue({ code: 'custom', path: ['readOnlyUsername'], message: 'A read-only password needs a read-only username' })
        return z.NEVER
      }
      const fromUrl = input.url ? parseConnectionUrl(type, input.url) : undefined
      if (input.url && !fromUrl) {
        ctx.addIssue({ code: 'custom', path: ['url'], message: `Not a valid ${type} connection URL` })
        return z.NEVER
      }
      const host = input.host ?? fromUrl?.host
      if (!host) {
        ctx.addIssue({ code: 'custom', path: ['host'], message: 'Host is required' })
        return z.NEVER
      }
      const options = connectionOptionsSchemas[type].parse({ ...fromUrl?.options, ...input.options })
      return {
        identifier: input.identifier,
        host,
        port: input.port ?? fromUrl?.port ?? defaultPorts[type],
        username: input.username ?? fromUrl?.username,
        password: input.password ?? fromUrl?.password,
        isPrimary: input.isPrimary,
        options: options as ConnectionOptions,
        readOnlyUsername: input.readOnlyUsername,
        readOnlyPassword: input.readOnlyPassword,
      }
    })
}
export type CreateConnectionInput = z.output<ReturnType<typeof createConnectionSchema>>

/**
 * Input of `PUT .../connections/[id]`: any subset; `password: null` clears it, absent keeps it.
 * `readOnlyUsername: null` removes the read-only login (and its password).
 */
export function updateConnectionSchema(type: DatabaseType) {
  const fields = connectionFields(connectionOptionsSchemas[type])
  return z
    .object({
      identifier: fields.identifier.optional(),
      host: fields.host.optional(),
      port: fields.port.optional(),
      username: z.string().max(256).nullable().optional(),
      password: z.string().max(4096).nullable().optional(),
      isPrimary: z.boolean().optional(),
      options: fields.options,
      readOnlyUsername: fields.readOnlyUsername.nullable(),
      readOnlyPassword: z.string().max(4096).nullable().optional(),
    })
    .strict()
    .refine((input) => Object.keys(input).length > 0, 'Nothing to update')
    .superRefine((input, ctx) => {
      refuseReadOnlyLoginUnlessPostgres(type, input, ctx)
    })
}
export type UpdateConnectionInput = z.output<ReturnType<typeof updateConnectionSchema>>

export const connectionSchema = z.object({
  id: z.string().uuid(),
  type: databaseTypeSchema,
  identifier: z.string(),
  host: z.string(),
  port: z.number(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  /** Postgres: the read-only login's user name, null when there is none. */
  readOnlyUsername: z.string().nullable(),
  hasReadOnlyPassword: z.boolean(),
  options: z.record(z.unknown()),
  isPrimary: z.boolean(),
  status: z.enum(['unknown', 'active', 'error']),
  lastCheckedAt: z.string().nullable(),
  /** null until keep-alive was set for this connection. */
  keepAlive: keepAliveStatusSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Connection = z.infer<typeof connectionSchema>

/** One thing a read-only login holds that lets it write or reach the server (see read-only-login.ts). */
export const readOnlyLoginHoldingSchema = z.object({
  kind: z.enum(['superuser', 'role_attribute', 'predefined_role', 'table_privilege', 'sequence_privilege', 'schema_create', 'database_create', 'owner']),
  name: z.string(),
})
export type ReadOnlyLoginHolding = z.infer<typeof readOnlyLoginHoldingSchema>

export const readOnlyLoginReportSchema = z.object({
  username: z.string(),
  readOnly: z.boolean(),
  holds: z.array(readOnlyLoginHoldingSchema),
})
export type ReadOnlyLoginReport = z.infer<typeof readOnlyLoginReportSchema>

export const connectionTestResultSchema = z.object({
  ok: z.literal(true),
  latencyMs: z.number(),
  serverVersion: z.string(),
  /** Postgres with a read-only login: what that login can do beyond reading. */
  readOnlyLogin: readOnlyLoginReportSchema.optional(),
})
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>

const urlSchemes: Record<DatabaseType, string[]> = {
  redis: ['redis:', 'rediss:'],
  mongodb: ['mongodb:'],
  postgres: ['postgres:', 'postgresql:'],
}

function parseConnectionUrl(
  type: DatabaseType,
  raw: string
): { host: string; port?: number; username?: string; password?: string; options: Record<string, unknown> } | undefined {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  if (!urlSchemes[type].includes(url.protocol) || !url.hostname || url.hostname.includes(',')) return undefined
  const path = decodeURIComponent(url.pathname.replace(/^\//, ''))
  const options: Record<string, unknown> = {}
  const tlsOn = url.protocol === 'rediss:' || url.searchParams.get('tls') === 'true' || url.searchParams.get('ssl') === 'true' || url.searchParams.get('sslmode') === 'require'
  if (tlsOn) options.tls = { enabled: true, rejectUnauthorized: true }
  if (type === 'redis' && path) options.db = Number(path)
  if (type === 'postgres' && path) options.database = path
  if (type === 'mongodb') {
    if (path) options.database = path
    const authSource = url.searchParams.get('authSource')
    if (authSource) options.authSource = authSource
    const replicaSet = url.searchParams.get('replicaSet')
    if (replicaSet) options.replicaSet = replicaSet
  }
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : undefined,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    options,
  }
}

/** `DELETE .../connections/[id]` answer. */
export const connectionDeletedSchema = z.object({ deleted: z.literal(true), id: z.string() })
export type ConnectionDeleted = z.infer<typeof connectionDeletedSchema>
