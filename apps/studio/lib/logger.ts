import pino, { type Logger } from 'pino'
import pretty from 'pino-pretty'

import { getEnv } from './env'
import { redactSecrets } from './api/database/redact'
import { processSingleton } from './singleton'

/**
 * Field paths whose values never reach a log line, whatever logs them: a request's headers, a
 * connection's password or URL, a token. Censored by pino before serialisation.
 */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'readOnlyPassword',
  '*.readOnlyPassword',
  'connectionString',
  '*.connectionString',
  'url',
  '*.url',
  'authorization',
  '*.authorization',
  'headers',
  '*.headers',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'body',
  '*.body',
  'sql',
  '*.sql',
  'params',
  '*.params',
]

/**
 * JSON lines on stdout (pino), or coloured lines for a terminal with LOG_FORMAT=pretty. Besides the
 * path redaction, every string field goes through `redactSecrets`, so a driver error quoted in a log
 * line cannot leak a password or a connection string; statements and their values are never logged.
 */
function createLogger(): Logger {
  const env = getEnv()
  const options: pino.LoggerOptions = {
    level: env.LOG_LEVEL,
    messageKey: 'message',
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  }
  if (env.LOG_FORMAT === 'pretty') {
    // In-process (no worker thread): a terminal's reader is a person, speed does not matter here.
    return pino(options, pretty({ colorize: true, messageKey: 'message', translateTime: 'SYS:HH:MM:ss.l' }))
  }
  return pino(options, pino.destination({ dest: 1, sync: false }))
}

const root = () => processSingleton('logger', createLogger)

type Level = 'debug' | 'info' | 'warn' | 'error'

function write(level: Level, message: string, fields: Record<string, unknown> = {}) {
  const log = root()
  if (!log.isLevelEnabled(level)) return
  const safe: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) {
    safe[key] = typeof value === 'string' ? redactSecrets(value) : value
  }
  log[level](safe, redactSecrets(message))
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
  /** Writes what is buffered (shutdown). */
  flush: () => root().flush(),
}
