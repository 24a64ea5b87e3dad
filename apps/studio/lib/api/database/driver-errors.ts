import type { DatabaseType } from '@multibase/api-contracts'

import {
  ConflictError,
  ConnectionError,
  DatabaseError,
  NotFoundError,
  QueryError,
  TimeoutError,
} from './errors'
import { redactSecrets } from './redact'

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
])

interface DriverErrorLike {
  message?: string
  code?: string | number
  codeName?: string
  name?: string
  position?: string
  hint?: string
  detail?: string
}

function networkError(type: DatabaseType, error: DriverErrorLike): ConnectionError | undefined {
  const message = error.message ?? ''
  const code = typeof error.code === 'string' ? error.code : ''
  if (
    NETWORK_CODES.has(code) ||
    /Connection is closed|Stream isn't writeable|connect ETIMEDOUT|ECONNREFUSED|Connection terminated|getaddrinfo|socket hang up|Server selection timed out|connection .* closed|timeout expired/i.test(
      message
    ) ||
    error.name === 'MongoServerSelectionError' ||
    error.name === 'MongoNetworkError' ||
    error.name === 'MongoNetworkTimeoutError' ||
    error.name === 'MongoTopologyClosedError'
  ) {
    return new ConnectionError(`The ${type} server is not reachable`, 'DATABASE_UNAVAILABLE')
  }
  return undefined
}

function authError(type: DatabaseType, error: DriverErrorLike): ConnectionError | undefined {
  const message = error.message ?? ''
  if (
    /WRONGPASS|NOAUTH|invalid username-password|Authentication failed|password authentication failed|no password was provided|AUTH <password> called without any password/i.test(
      message
    ) ||
    error.code === 18 ||
    error.code === '28P01' ||
    error.code === '28000'
  ) {
    return new ConnectionError(`The ${type} server refused the connection's credentials`, 'DATABASE_AUTH_FAILED')
  }
  return undefined
}

/**
 * Maps an error thrown by ioredis, the mongodb driver or pg to the error hierarchy. The message is
 * passed through `redactSecrets` with the connection's own secrets, so nothing a server or driver
 * echoes can leak them.
 */
export function mapDriverError(type: DatabaseType, raw: unknown, secrets: Array<string | undefined> = []): DatabaseError {
  if (raw instanceof DatabaseError) return raw
  const error = (raw ?? {}) as DriverErrorLike
  const message = redactSecrets(error.message ?? String(raw), secrets)

  const auth = authError(type, error)
  if (auth) return auth
  const network = networkError(type, error)
  if (network) return network

  if (type === 'redis') {
    if (message.startsWith('WRONGTYPE')) return new QueryError('Operation against a key holding the wrong kind of value', 'WRONG_TYPE')
    return new QueryError(message, 'REDIS_ERROR')
  }
  if (type === 'mongodb') {
    if (error.code === 11000) return new ConflictError('A document with this unique key already exists', 'DUPLICATE_KEY', { driverMessage: message })
    if (error.code === 50 || error.codeName === 'MaxTimeMSExpired') return new TimeoutError()
    if (error.code === 26 || error.codeName === 'NamespaceNotFound') return new NotFoundError('Database or collection not found', 'NAMESPACE_NOT_FOUND')
    if (error.code === 48 || error.codeName === 'NamespaceExists') return new ConflictError('A collection with this name already exists', 'COLLECTION_EXISTS')
    if (error.code === 27 || error.codeName === 'IndexNotFound') return new NotFoundError('Index not found', 'INDEX_NOT_FOUND')
    if (error.code === 85 || error.code === 86) return new ConflictError(message, 'INDEX_CONFLICT', { codeName: error.codeName })
    if (error.code === 121 || error.codeName === 'DocumentValidationFailure') {
      return new QueryError('The document does not pass the collection\'s validator', 'DOCUMENT_VALIDATION_FAILED')
    }
    return new QueryError(message, 'MONGODB_ERROR', { codeName: error.codeName })
  }
  // postgres
  if (error.code === '57014') return new TimeoutError()
  if (error.code === '23505') return new ConflictError(message, 'DUPLICATE_KEY', { detail: error.detail })
  if (error.code === '3D000') return new ConnectionError(`The ${type} database does not exist`, 'DATABASE_UNAVAILABLE')
  return new QueryError(message, 'QUERY_ERROR', {
    ...(error.code ? { pgCode: error.code } : {}),
    ...(error.position ? { position: Number(error.position) } : {}),
    ...(error.hint ? { hint: error.hint } : {}),
  })
}
