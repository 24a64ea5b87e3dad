import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'

describe('self-hosted Studio in a browser', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser({ colorScheme: 'dark' })
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('opens the default project directly, with no sign-in and no projects page', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${inject('selfHostedUrl')}/`)
    await page.waitForURL('**/project/default/database')
    await page.getByText('This project has no PostgreSQL connection').waitFor()
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Projects' }).count()).toBe(0)

    await page.goto(`${inject('selfHostedUrl')}/sign-in`)
    await page.waitForURL('**/project/default/database')
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'MongoDB' }).click()
    await page.getByText('This project has no MongoDB connection').waitFor()
    await saveScreenshot(page, 'self-hosted-default-project')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
