import { getEnv } from './env'
import { redactSecrets } from './api/database/redact'

/**
 * Structured JSON lines on stdout. Every message and string field goes through `redactSecrets`, so a
 * driver error quoted in a log line cannot leak a password or a connection string.
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const
type Level = Exclude<keyof typeof LEVELS, 'silent'>

function write(level: Level, message: string, fields: Record<string, unknown> = {}) {
  if (LEVELS[level] < LEVELS[getEnv().LOG_LEVEL]) return
  const safe: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) {
    safe[key] = typeof value === 'string' ? redactSecrets(value) : value
  }
  const line = JSON.stringify({ time: new Date().toISOString(), level, message: redactSecrets(message), ...safe })
  ;(level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n')
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
}
