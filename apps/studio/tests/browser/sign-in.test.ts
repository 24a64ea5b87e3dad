import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { randomUUID } from 'node:crypto'

import { mintToken } from '../helpers/tokens'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

describe('sign-in in a browser', () => {
  let env: BrowserStudio
  let browser: Browser

  beforeAll(async () => {
    env = await startBrowserStudio()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await env?.stop()
  })

  it('sends a signed-out visitor to sign in, refuses a wrong password, signs in through GoTrue and uses the token', async () => {
    const user = env.gotrue.addUser('dev@example.test', 'correct horse battery staple')
    const page = await browser.context.newPage()
    await page.goto(`${env.studio.url}/projects`)
    await page.waitForURL('**/sign-in?next=%2Fprojects')

    await page.getByLabel('Email', { exact: true }).fill(user.email)
    await page.getByLabel('Password', { exact: true }).fill('wrong password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').getByText('Invalid login credentials').waitFor()

    await page.getByLabel('Password', { exact: true }).fill(user.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL('**/projects')
    await page.getByText('No organizations yet').waitFor()
    await page.getByText(user.email).waitFor()
    expect(env.gotrue.signInAttempts()).toBe(2)

    // The projects call carried the stand-in's token: the server answered for this user.
    const profile = await page.evaluate(async (key) => {
      const session = JSON.parse(window.localStorage.getItem(key) ?? 'null')
      const response = await fetch('/api/platform/profile', { headers: { authorization: `Bearer ${session.access_token}` } })
      return response.json()
    }, 'multibase.auth.token')
    expect(profile).toMatchObject({ id: user.id, email: user.email, isPlatform: true })

    await saveScreenshot(page, 'sign-in-signed-in')

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL('**/sign-in')
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await saveScreenshot(page, 'sign-in-form')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('ends a session whose token the server refuses and asks to sign in again', async () => {
    const id = randomUUID()
    // auth-js believes the session is fresh, the Studio's server knows the token has expired.
    const expired = { id, token: await mintToken({ sub: id, expiresInSeconds: -600 }), request: () => Promise.reject(new Error('unused')) }
    const page = await openSignedIn(browser.context, env.studio.url, expired, '/project/anything/settings/connections?engine=redis')
    await page.waitForURL('**/sign-in?next=%2Fproject%2Fanything%2Fsettings%2Fconnections%3Fengine%3Dredis')
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    expect(await page.evaluate(() => window.localStorage.getItem('multibase.auth.token'))).toBeNull()
    await saveScreenshot(page, 'sign-in-after-refused-token')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
