import { randomUUID } from 'node:crypto'

import Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { REDIS_URL } from '../helpers/services'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

/** Redis database 7 under a random prefix (shared with tests/integration/backups.test.ts, which uses its own prefix). */
const PREFIX = `bkui:${randomUUID().slice(0, 8)}:`

describe('Backups page', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject
  let redis: Redis

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { db: 7 })
    for (let index = 0; index < 50; index++) await redis.set(`${PREFIX}${index}`, String(index))
    env = await startBrowserStudio()
    browser = await launchBrowser()
    project = await createProject()
    await addConnection(project, 'redis', { identifier: 'cache', options: { db: 7 } })
  })

  afterAll(async () => {
    await browser?.close()
    await env?.stop()
    const keys = await redis?.keys(`${PREFIX}*`)
    if (keys?.length) await redis.unlink(...keys)
    redis?.disconnect()
  })

  it('creates a Redis backup, shows it succeeded with its size, verifies it and previews a restore with a dry run', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/backups`)
    await page.getByText('No backups yet').waitFor()
    await page.getByRole('button', { name: 'Create backup' }).click()
    const create = page.getByRole('dialog', { name: 'Create backup' })
    await create.getByLabel('Engine').selectOption('redis')
    await create.getByLabel('Connection').selectOption({ label: 'cache' })
    await create.getByLabel('Key pattern').fill(`${PREFIX}*`)
    await create.getByRole('button', { name: 'Start backup' }).click()

    const row = page.getByTestId('backup-row').first()
    await row.getByText('succeeded').waitFor({ timeout: 60_000 })
    expect(await row.textContent()).toContain('Redis')
    expect(await row.textContent()).toMatch(/\d+(\.\d)? (B|KB)/)
    await saveScreenshot(page, 'backups-list')

    await row.getByRole('button', { name: 'Verify' }).click()
    await page.getByText('Checksum verified').waitFor()

    await row.getByRole('button', { name: 'Restore' }).click()
    const restore = page.getByRole('dialog', { name: 'Restore backup' })
    expect(await restore.getByRole('button', { name: 'Restore' }).isDisabled()).toBe(true)
    await restore.getByRole('button', { name: 'Dry run' }).click()
    const plan = restore.getByTestId('restore-plan')
    await plan.waitFor({ timeout: 60_000 })
    // Every key still exists in the source: restoring into it without replace would leave all 50 alone.
    expect(await plan.textContent()).toContain('Would leave as is: 50')
    expect(await restore.getByRole('button', { name: 'Restore' }).isDisabled()).toBe(false)
    await saveScreenshot(page, 'backups-restore-dry-run')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
