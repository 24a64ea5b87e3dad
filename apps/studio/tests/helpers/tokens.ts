import { randomUUID } from 'node:crypto'

import { SignJWT, type JWTPayload } from 'jose'

/** The HS256 secret of the main test Studio (platform mode). Test-only. */
export const TEST_JWT_SECRET = 'multibase-test-secret-0123456789abcdef-0123456789'
const secretKey = new TextEncoder().encode(TEST_JWT_SECRET)

export interface TokenOptions {
  sub?: string
  aud?: string
  role?: string
  expiresInSeconds?: number
  notBeforeSeconds?: number
  extra?: JWTPayload
  omit?: Array<'sub' | 'exp' | 'aud'>
}

/** Mints a GoTrue-shaped access token signed with the test secret. */
export async function mintToken(options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  const payload: JWTPayload = {
    sub: options.sub ?? randomUUID(),
    aud: options.aud ?? 'authenticated',
    role: options.role ?? 'authenticated',
    exp: now + (options.expiresInSeconds ?? 3600),
    iat: now,
    ...(options.notBeforeSeconds !== undefined ? { nbf: now + options.notBeforeSeconds } : {}),
    ...options.extra,
  }
  for (const claim of options.omit ?? []) delete payload[claim]
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secretKey)
}
