import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'

import { freePort } from '../../setup/studio-process'
import { mintToken } from '../../helpers/tokens'

export interface StandInUser {
  id: string
  email: string
  password: string
}

export interface GoTrueStandIn {
  url: string
  /** Adds a user who can sign in with email and password. */
  addUser(email: string, password: string): StandInUser
  /** How many password sign-ins were answered (successful or not). */
  signInAttempts(): number
  stop(): Promise<void>
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

/**
 * A stand-in for GoTrue's password grant only (`POST /token?grant_type=password`), answering with the
 * same JSON GoTrue does and an access token signed with the test secret. No GoTrue server can be
 * installed here; this lets the real sign-in form and auth-js run end to end.
 */
export async function startGoTrueStandIn(): Promise<GoTrueStandIn> {
  const users = new Map<string, StandInUser>()
  let attempts = 0
  const port = await freePort()

  const server: Server = createServer(async (req, res) => {
    // The Studio's page calls GoTrue cross-origin, as it would a real GoTrue.
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*')
    res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '*')
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
    if (req.method === 'OPTIONS') return void res.writeHead(204).end()

    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }

    if (req.method === 'POST' && url.pathname === '/token' && url.searchParams.get('grant_type') === 'password') {
      attempts += 1
      const { email, password } = JSON.parse((await readBody(req)) || '{}') as { email?: string; password?: string }
      const user = email ? users.get(email) : undefined
      if (!user || user.password !== password) {
        return json(400, { code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' })
      }
      const expiresIn = 3600
      const accessToken = await mintToken({ sub: user.id, expiresInSeconds: expiresIn, extra: { email: user.email } })
      return json(200, {
        access_token: accessToken,
        token_type: 'bearer',
        expires_in: expiresIn,
        expires_at: Math.floor(Date.now() / 1000) + expiresIn,
        refresh_token: randomUUID(),
        user: {
          id: user.id,
          aud: 'authenticated',
          role: 'authenticated',
          email: user.email,
          app_metadata: { provider: 'email', providers: ['email'] },
          user_metadata: {},
          created_at: new Date().toISOString(),
        },
      })
    }
    if (req.method === 'POST' && url.pathname === '/logout') return void res.writeHead(204).end()
    json(404, { code: 404, error_code: 'not_found', msg: 'The GoTrue stand-in only answers password sign-in' })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))

  return {
    url: `http://127.0.0.1:${port}`,
    addUser(email, password) {
      const user = { id: randomUUID(), email, password }
      users.set(email, user)
      return user
    },
    signInAttempts: () => attempts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
