import { randomUUID } from 'node:crypto'

import type { BrowserContext, Page } from 'playwright-core'

import { AUTH_STORAGE_KEY } from 'lib/auth/gotrue-client'
import type { TestUser } from '../../helpers/fixtures'

/** A session in the shape auth-js keeps in localStorage, around a token minted with the test secret. */
export function authJsSession(user: TestUser, email = `${user.id.slice(0, 8)}@example.test`) {
  const expiresIn = 3600
  return {
    access_token: user.token,
    token_type: 'bearer',
    expires_in: expiresIn,
    expires_at: Math.floor(Date.now() / 1000) + expiresIn,
    refresh_token: randomUUID(),
    user: {
      id: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      created_at: new Date().toISOString(),
    },
  }
}

/**
 * A new page that starts signed in as `user`: the session is written where auth-js reads it before
 * any of the Studio's scripts run, then `path` is opened. The pages of one browser share localStorage,
 * so each new tab writes its own user once (marked in the tab's sessionStorage, so a reload or a sign-out
 * inside the test is not undone).
 */
export async function openSignedIn(context: BrowserContext, baseUrl: string, user: TestUser, path: string): Promise<Page> {
  const page = await context.newPage()
  await page.addInitScript(
    ([key, session]) => {
      if (window.sessionStorage.getItem('multibase.test.seeded')) return
      window.sessionStorage.setItem('multibase.test.seeded', '1')
      window.localStorage.setItem(key, session)
    },
    [AUTH_STORAGE_KEY, JSON.stringify(authJsSession(user))] as const
  )
  await page.goto(`${baseUrl}${path}`)
  return page
}
