import { z } from 'zod'

import { processSingleton } from './singleton'

const booleanString = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1')

const intString = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback)

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
  )

/** Every environment variable the Studio reads, with its default. The README lists the same table. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: intString(3000, 0, 65535),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  PLATFORM_DATA_DIR: z.string().default('.data'),
  NEXT_PUBLIC_IS_PLATFORM: booleanString,
  GOTRUE_URL: z.string().url().optional(),
  GOTRUE_JWT_SECRET: z.string().min(32, 'GOTRUE_JWT_SECRET must be at least 32 characters').optional(),
  GOTRUE_JWKS_URL: z.string().url().optional(),
  GOTRUE_JWT_ISSUER: z.string().optional(),
  ENCRYPTION_KEYS: z.string().optional(),
  ALLOWED_DATABASE_HOSTS: csv,
  DASHBOARD_USERNAME: z.string().optional(),
  DASHBOARD_PASSWORD: z.string().optional(),
  /** Browser origins (scheme://host[:port]) besides the Studio's own that may send state-changing requests. */
  ALLOWED_ORIGINS: csv,
  /** Self-hosted mode: host names besides loopback that the Studio answers to (DNS-rebinding guard). */
  ALLOWED_HOSTNAMES: csv,
  POOL_MAX_CLIENTS: intString(10, 1, 1000),
  POOL_MAX_WAITING: intString(100, 0, 100000),
  POOL_ACQUIRE_TIMEOUT_MS: intString(5000, 100, 120000),
  POOL_IDLE_TIMEOUT_MS: intString(300000, 1000, 86400000),
  POOL_EVICTION_INTERVAL_MS: intString(60000, 100, 3600000),
  DB_CONNECT_TIMEOUT_MS: intString(5000, 100, 120000),
  /** maxTimeMS of a MongoDB operation whose request names none. */
  MONGODB_DEFAULT_MAX_TIME_MS: intString(15000, 1, 86400000),
  /** The most maxTimeMS a request may ask for; larger requests are lowered to this. */
  MONGODB_MAX_TIME_MS_CAP: intString(60000, 1, 86400000),
  /** SQL route (pg-meta `query`): timeout when the request names none, and the most it may ask for. */
  PG_QUERY_TIMEOUT_MS: intString(15000, 100, 3600000),
  PG_QUERY_MAX_TIMEOUT_MS: intString(60000, 100, 3600000),
  /** SQL route: a result is cut after this many rows or this many bytes of row data (and says so). */
  PG_QUERY_MAX_ROWS: intString(10000, 1, 10000000),
  PG_QUERY_MAX_BYTES: intString(10485760, 1024, 1073741824),
  /**
   * How long an instance may serve a caller's project access (role, connection rows) from its cache
   * when a change notification was lost; 0 turns the cache off.
   */
  AUTHZ_CACHE_TTL_MS: intString(30000, 0, 3600000),
  /** Open pub/sub sockets are re-authorized this often even if no change notification arrives. */
  PUBSUB_REAUTH_INTERVAL_MS: intString(60000, 100, 3600000),
  /** A running job's worker renews its heartbeat this often (also after every batch). */
  JOB_HEARTBEAT_INTERVAL_MS: intString(10000, 100, 3600000),
  /** A job whose heartbeat is older than this is taken over by another instance. */
  JOB_STALE_AFTER_MS: intString(60000, 500, 86400000),
  /** How often every instance looks for stale or handed-back jobs to take over. */
  JOB_SWEEP_INTERVAL_MS: intString(15000, 100, 3600000),
  /** Workers a job may go through (takeovers and shutdown hand-backs); one more and it ends failed. */
  JOB_MAX_ATTEMPTS: intString(10, 1, 1000),
  /** On SIGTERM: how long in-flight HTTP requests may take to finish before their sockets are closed. */
  SHUTDOWN_GRACE_MS: intString(25000, 0, 600000),
  /** Off only for measuring the limiter itself (the benchmark); every deployment keeps it on. */
  RATE_LIMIT_ENABLED: z.enum(['true', 'false', '1', '0']).default('true').transform((value) => value === 'true' || value === '1'),
  /** The window the RATE_LIMIT_*_PER_MIN counts apply to; 60 s outside tests. 0 in a count turns that limit off. */
  RATE_LIMIT_WINDOW_SECONDS: intString(60, 1, 3600),
  /** Read routes, per user (per IP for unauthenticated routes). */
  RATE_LIMIT_READ_PER_MIN: intString(600, 0, 10000000),
  /** Data-changing and admin routes, per user. */
  RATE_LIMIT_WRITE_PER_MIN: intString(120, 0, 10000000),
  /** Expensive routes (connection test, SQL, aggregate, bulk delete, sync, backup, restore), per user. */
  RATE_LIMIT_EXPENSIVE_PER_MIN: intString(20, 0, 10000000),
  /** Expensive routes again, per project: several members together can't overload one database. */
  RATE_LIMIT_EXPENSIVE_PROJECT_PER_MIN: intString(60, 0, 10000000),
  /** Failed authentications (401) per client IP; past it even a valid token waits out the window. */
  RATE_LIMIT_AUTH_FAILURES_PER_MIN: intString(20, 0, 10000000),
  /** Open pub/sub WebSockets per user, across all instances. */
  RATE_LIMIT_WEBSOCKETS_PER_USER: intString(10, 0, 100000),
  /** A Redis the instances share for rate-limit counters; unset: the platform Postgres (or memory when embedded). */
  PLATFORM_REDIS_URL: z.string().optional(),
  /**
   * Reverse proxies in front of the Studio that append to X-Forwarded-For; the audit log's IP is the
   * entry that many places from the right. 0: the socket's peer address, the header ignored.
   */
  TRUST_PROXY: intString(0, 0, 20),
  /** Audit rows older than this many days are deleted by the retention job; 0 keeps them forever. */
  AUDIT_RETENTION_DAYS: intString(90, 0, 36500),
  /** How often the retention job runs (once per interval across all instances). */
  AUDIT_RETENTION_INTERVAL_MS: intString(3600000, 200, 604800000),
  /** Where backups are kept when no S3 bucket is configured (self-hosted, one instance or a shared volume). */
  BACKUP_DIR: z.string().default('.data/backups'),
  /** S3-compatible endpoint for backups; with it set, every instance reads and writes the same bucket. */
  BACKUP_S3_URL: z.string().url().optional(),
  BACKUP_S3_BUCKET: z.string().min(3).max(63).optional(),
  BACKUP_S3_REGION: z.string().default('us-east-1'),
  BACKUP_S3_ACCESS_KEY_ID: z.string().optional(),
  BACKUP_S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** GoTrue user ids (comma-separated uuids) of platform admins; self-hosted, the local user is one. */
  PLATFORM_ADMIN_USER_IDS: csv,
  /** Every instance upserts its platform.instances row this often; alive = heartbeat within 3 intervals. */
  INSTANCE_HEARTBEAT_INTERVAL_MS: intString(5000, 100, 600000),
  /** Every instance adds its in-memory request counts to platform.request_stats this often. */
  REQUEST_STATS_FLUSH_MS: intString(10000, 100, 3600000),
  /** How often every instance looks for connections whose keep-alive run is due. */
  KEEP_ALIVE_TICK_MS: intString(5000, 100, 3600000),
  /** A session's last_seen_at is written at most this often per session and instance. */
  SESSION_TOUCH_INTERVAL_MS: intString(60000, 0, 3600000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** json (one JSON object a line, for log collectors) or pretty (coloured, for a terminal). */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  /** Bearer token a Prometheus scraper sends to GET /api/metrics; unset, the route answers 404. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
}).superRefine((env, context) => {
  // A worker that misses one heartbeat (a slow platform query) must not lose its job to a takeover.
  if (env.JOB_HEARTBEAT_INTERVAL_MS * 2 > env.JOB_STALE_AFTER_MS) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['JOB_HEARTBEAT_INTERVAL_MS'],
      message: 'must be at most half of JOB_STALE_AFTER_MS',
    })
  }
})

export type Env = z.infer<typeof envSchema>

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable means "not set" (docker-compose and shells often pass VAR= through).
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''))
  const parsed = envSchema.safeParse(present)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid environment: ${problems.join('; ')}`)
  }
  return parsed.data
}

export function getEnv(): Env {
  return processSingleton('env', () => readEnv())
}
