import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { createScratchDatabase } from '../helpers/own-servers'
import { expectSameTables, seedSyncSource, SYNC_SCHEMA_SQL } from '../helpers/sync'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

describe('Sync in a browser', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject
  const databases: Array<{ client: Client; drop(): Promise<void>; connectionId: string; identifier: string }> = []

  beforeAll(async () => {
    env = await startBrowserStudio()
    browser = await launchBrowser({ colorScheme: 'dark' })
    project = await createProject()
    for (const identifier of ['sync-source', 'sync-target']) {
      const db = await createScratchDatabase('multibase_test_sync')
      const client = new Client({ connectionString: db.url })
      await client.connect()
      await client.query(SYNC_SCHEMA_SQL)
      const connection = await addConnection(project, 'postgres', { identifier, options: { database: new URL(db.url).pathname.slice(1) } })
      databases.push({ client, drop: db.drop, connectionId: connection.id, identifier })
    }
    await seedSyncSource(databases[0].client, 500, 20_000)
  })

  afterAll(async () => {
    await browser?.close()
    await env?.stop()
    for (const db of databases) {
      await db.client.end()
      await db.drop()
    }
  })

  it('creates a Postgres sync in the wizard, starts it, pauses, resumes and shows it completed with per-unit progress', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/sync`)
    await page.getByText('No sync jobs yet').waitFor()
    await page.getByRole('link', { name: 'New sync' }).click()
    await page.getByTestId('sync-wizard').waitFor()
    await page.getByLabel('Source connection').selectOption(databases[0].connectionId)
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByLabel('Target connection').selectOption(databases[1].connectionId)
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByLabel('Schemas (comma separated)').fill('public')
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByLabel('Name').fill('ui copy')
    await page.getByLabel('Batch size').fill('500')
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByTestId('sync-summary').getByText(/ui copy: Postgres → Postgres, data/).waitFor()
    await page.getByRole('button', { name: 'Create and start' }).click()

    await page.getByTestId('sync-job').waitFor()
    await page.getByRole('button', { name: 'Pause' }).click()
    await page.getByTestId('sync-job-state').getByText('paused').waitFor({ timeout: 60_000 })
    await saveScreenshot(page, 'sync-job-paused')
    await page.getByRole('button', { name: 'Resume' }).click()
    await page.getByTestId('sync-job-state').getByText('completed').waitFor({ timeout: 90_000 })
    await page.getByTestId('sync-unit').filter({ hasText: 'public.comments' }).getByText('20,000 / 20,000').waitFor()
    await page.getByTestId('sync-log').getByText('paused').first().waitFor()
    await saveScreenshot(page, 'sync-job-completed')
    await expectSameTables(databases[0].client, databases[1].client)

    await page.getByRole('link', { name: 'Sync', exact: true }).click()
    await page.getByTestId('sync-jobs').getByText('completed').waitFor()
    expect(await page.getByTestId('sync-jobs').getByRole('link', { name: 'ui copy' }).count()).toBe(1)
    await saveScreenshot(page, 'sync-jobs-list')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
