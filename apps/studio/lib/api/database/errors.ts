/**
 * The one error hierarchy of the API. Every error a handler can produce ends up as one of these, and
 * `toErrorBody` turns it into the single JSON shape `{ error: { code, message, requestId, details? } }`.
 * Messages are written for users: they never carry a connection string, a password or a stack.
 */
export type ErrorDetails = Record<string, unknown>

export class DatabaseError extends Error {
  readonly status: number
  readonly code: string
  readonly details?: ErrorDetails
  /** Sent as `Retry-After` (429s and a full pool): when trying again can succeed. */
  readonly retryAfterSeconds?: number

  constructor(
    message: string,
    options: { status?: number; code?: string; details?: ErrorDetails; retryAfterSeconds?: number } = {}
  ) {
    super(message)
    this.name = new.target.name
    this.status = options.status ?? 500
    this.code = options.code ?? 'INTERNAL_ERROR'
    this.details = options.details
    this.retryAfterSeconds = options.retryAfterSeconds
  }
}

export class ConnectionError extends DatabaseError {
  constructor(message: string, code = 'CONNECTION_ERROR', details?: ErrorDetails, retryAfterSeconds?: number) {
    super(message, { status: 503, code, details, retryAfterSeconds })
  }
}

export class QueryError extends DatabaseError {
  constructor(message: string, code = 'QUERY_ERROR', details?: ErrorDetails) {
    super(message, { status: 400, code, details })
  }
}

export class TimeoutError extends DatabaseError {
  constructor(message = 'The query took longer than its time limit and was cancelled', details?: ErrorDetails) {
    super(message, { status: 504, code: 'QUERY_TIMEOUT', details })
  }
}

export class AuthenticationError extends DatabaseError {
  constructor(message = 'Authentication required', code = 'UNAUTHORIZED') {
    super(message, { status: 401, code })
  }
}

export class ForbiddenError extends DatabaseError {
  constructor(message = 'Your role does not allow this operation', code = 'FORBIDDEN') {
    super(message, { status: 403, code })
  }
}

export class NotFoundError extends DatabaseError {
  constructor(message = 'Not found', code = 'NOT_FOUND') {
    super(message, { status: 404, code })
  }
}

export class ConflictError extends DatabaseError {
  constructor(message: string, code = 'CONFLICT', details?: ErrorDetails) {
    super(message, { status: 409, code, details })
  }
}

export class ValidationError extends DatabaseError {
  constructor(message: string, details?: ErrorDetails, code = 'VALIDATION_ERROR') {
    super(message, { status: 400, code, details })
  }
}

export class RateLimitError extends DatabaseError {
  constructor(message = 'Too many requests', details?: ErrorDetails, retryAfterSeconds = 1) {
    super(message, { status: 429, code: 'RATE_LIMITED', details, retryAfterSeconds })
  }
}

export class MethodNotAllowedError extends DatabaseError {
  readonly allow: string[]
  constructor(allow: string[]) {
    super(`Method not allowed; use ${allow.join(', ')}`, { status: 405, code: 'METHOD_NOT_ALLOWED' })
    this.allow = allow
  }
}

export interface ErrorBody {
  error: { code: string; message: string; requestId: string; details?: ErrorDetails }
}

export function toErrorBody(error: DatabaseError, requestId: string): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      requestId,
      ...(error.details ? { details: error.details } : {}),
    },
  }
}
