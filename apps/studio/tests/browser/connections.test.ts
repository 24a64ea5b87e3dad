import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { mongodbEndpoint, postgresEndpoint } from '../helpers/services'
import { createReadOnlyRole, dropTestRole } from '../helpers/pg-fixture'
import { createUiTestDatabase, dropUiTestDatabase, uiTestDatabaseName } from './database-fixture'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

/** Redis db 9 is the only shared Redis database these tests may use. */
const REDIS_DB = '9'

describe('Settings → Connections in a browser', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject

  beforeAll(async () => {
    env = await startBrowserStudio()
    browser = await launchBrowser({ colorScheme: 'dark' })
    project = await createProject()
  })

  afterAll(async () => {
    await browser?.close()
    await env?.stop()
  })

  it('adds a Redis connection and shows its test result (latency and server version)', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/redis`)
    await page.getByText('This project has no Redis connection').waitFor()
    const addHref = await page.getByRole('link', { name: 'Add a connection' }).getAttribute('href')
    expect(addHref).toBe(`/project/${project.ref}/settings/connections?engine=redis&add=1`)
    // A full load of the link (shared or bookmarked) opens the add panel too.
    await page.goto(`${env.studio.url}${addHref}`)

    const panel = page.getByRole('dialog', { name: 'Add Redis connection' })
    await panel.waitFor()
    await panel.getByLabel('Name', { exact: true }).fill('cache')
    await panel.getByLabel('Host', { exact: true }).fill('127.0.0.1')
    await panel.getByLabel('Port', { exact: true }).fill('6379')
    await panel.getByLabel('Database index', { exact: true }).fill(REDIS_DB)
    await panel.getByRole('button', { name: 'Add connection' }).click()
    await panel.waitFor({ state: 'detached' })

    const row = page.getByRole('row').filter({ hasText: 'cache' })
    await row.getByText(`db ${REDIS_DB}`).waitFor()
    const result = row.getByTestId('connection-test-result')
    await result.getByText(/ms · v\d+\.\d+/).waitFor()
    expect(await result.textContent()).toMatch(/^\d+(\.\d+)? ms · v\d+\.\d+\.\d+/)
    await row.getByText('active').waitFor()

    // The Redis page now shows the connection, tested through the Studio.
    await page.getByRole('link', { name: 'Redis' }).click()
    await page.getByRole('heading', { name: 'cache' }).waitFor()
    await page.getByTestId('connection-test-result').getByText(/ms · v\d+/).waitFor()
    expect(await page.getByRole('combobox', { name: 'Redis connection' }).inputValue()).toMatch(/[0-9a-f-]{36}/)

    await saveScreenshot(page, 'connections-add-redis')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('edits the connection; the password is write-only, kept when left blank, removed only on request', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/settings/connections?engine=redis`)
    const row = page.getByRole('row').filter({ hasText: 'cache' })
    await row.getByRole('button', { name: 'Edit cache' }).click()

    const panel = page.getByRole('dialog', { name: 'Edit Redis connection' })
    await panel.waitFor()
    expect(await panel.getByLabel('Password', { exact: true }).inputValue()).toBe('')
    expect(await panel.getByLabel('Database index', { exact: true }).inputValue()).toBe(REDIS_DB)
    await panel.getByLabel('Name', { exact: true }).fill('cache-renamed')
    await panel.getByLabel('Password', { exact: true }).fill('not-the-real-one')
    await panel.getByRole('button', { name: 'Save connection' }).click()
    await panel.waitFor({ state: 'detached' })

    const renamed = page.getByRole('row').filter({ hasText: 'cache-renamed' })
    await renamed.getByText('set', { exact: true }).waitFor()
    await renamed.getByTestId('connection-test-result').getByText(/ms · v\d+/).waitFor()

    // Editing again: the panel only knows a password is set. Saving with the field blank keeps it.
    await renamed.getByRole('button', { name: 'Edit cache-renamed' }).click()
    const again = page.getByRole('dialog', { name: 'Edit Redis connection' })
    await again.getByText('A password is set. Leave blank to keep it.').waitFor()
    expect(await again.getByLabel('Password', { exact: true }).inputValue()).toBe('')
    await again.getByRole('button', { name: 'Save connection' }).click()
    await again.waitFor({ state: 'detached' })
    await renamed.getByText('set', { exact: true }).waitFor()
    const kept = await project.owner.request('GET', `/api/platform/redis/${project.ref}/connections`)
    expect(kept.body[0]).toMatchObject({ identifier: 'cache-renamed', hasPassword: true })
    expect(JSON.stringify(kept.body)).not.toContain('not-the-real-one')

    // Removing it is an explicit choice.
    await renamed.getByRole('button', { name: 'Edit cache-renamed' }).click()
    await again.getByLabel('Remove the stored password', { exact: true }).check()
    await again.getByRole('button', { name: 'Save connection' }).click()
    await again.waitFor({ state: 'detached' })
    await renamed.getByRole('cell', { name: 'none', exact: true }).waitFor()
    await renamed.getByTestId('connection-test-result').getByText(/ms · v\d+/).waitFor()

    await saveScreenshot(page, 'connections-edit-redis')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('deletes the connection after confirmation', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/settings/connections?engine=redis`)
    const row = page.getByRole('row').filter({ hasText: 'cache-renamed' })
    await row.getByRole('button', { name: 'Delete cache-renamed' }).click()

    const dialog = page.getByRole('dialog', { name: 'Delete connection "cache-renamed"' })
    await dialog.getByText('The server and its data are not touched.', { exact: false }).waitFor()
    // Cancelling keeps it.
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })
    await row.waitFor()

    await row.getByRole('button', { name: 'Delete cache-renamed' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete connection' }).click()
    await page.getByText('No Redis connections yet').waitFor()

    const listed = await project.owner.request('GET', `/api/platform/redis/${project.ref}/connections`)
    expect(listed.body).toEqual([])

    await saveScreenshot(page, 'connections-delete-redis')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('adds a Postgres read-only login: refuses a superuser, saves a login that only reads', async () => {
    const database = uiTestDatabaseName('rologin')
    await createUiTestDatabase(database, 'CREATE TABLE public.notes (id int PRIMARY KEY)')
    const role = await createReadOnlyRole()
    try {
      const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/settings/connections?engine=postgres&add=1`)
      const panel = page.getByRole('dialog', { name: 'Add PostgreSQL connection' })
      await panel.waitFor()
      await panel.getByLabel('Name', { exact: true }).fill('app-db')
      await panel.getByLabel('Host', { exact: true }).fill('127.0.0.1')
      await panel.getByLabel('Port', { exact: true }).fill(String(postgresEndpoint().port))
      await panel.getByLabel('Database', { exact: true }).fill(database)
      await panel.getByLabel('Username', { exact: true }).fill('postgres')
      await panel.getByTestId('read-only-login-fields').getByText('GRANT pg_read_all_data TO studio_ro;').waitFor()

      // A superuser as the read-only login is refused, and nothing is saved.
      await panel.getByLabel('Read-only username', { exact: true }).fill('postgres')
      await panel.getByRole('button', { name: 'Add connection' }).click()
      const refusal = panel.getByRole('alert').getByText('READ_ONLY_LOGIN_NOT_READ_ONLY', { exact: false })
      await refusal.waitFor()
      await refusal.scrollIntoViewIfNeeded()
      await saveScreenshot(page, 'connections-read-only-login-refused')
      expect((await project.owner.request('GET', `/api/platform/postgres/${project.ref}/connections`)).body).toEqual([])

      await panel.getByLabel('Read-only username', { exact: true }).fill(role.username)
      await panel.getByLabel('Read-only password', { exact: true }).fill(role.password)
      await panel.getByRole('button', { name: 'Add connection' }).click()
      await panel.waitFor({ state: 'detached' })
      const row = page.getByRole('row').filter({ hasText: 'app-db' })
      await row.getByTestId('read-only-login-result').getByText(`read-only login ${role.username}: reads only`).waitFor()
      const listed = await project.owner.request('GET', `/api/platform/postgres/${project.ref}/connections`)
      expect(listed.body[0]).toMatchObject({ readOnlyUsername: role.username, hasReadOnlyPassword: true })
      expect(JSON.stringify(listed.body)).not.toContain(role.password)

      await row.getByRole('button', { name: 'Edit app-db' }).click()
      const edit = page.getByRole('dialog', { name: 'Edit PostgreSQL connection' })
      expect(await edit.getByLabel('Read-only username', { exact: true }).inputValue()).toBe(role.username)
      await edit.getByTestId('read-only-login-fields').getByText('A password is set. Leave blank to keep it.').waitFor()
      await saveScreenshot(page, 'connections-read-only-login-form')
      await edit.getByRole('button', { name: 'Cancel' }).click()
      const created = listed.body[0].id
      expect((await project.owner.request('DELETE', `/api/platform/postgres/${project.ref}/connections/${created}`)).status).toBe(200)
      assertOnlyLoopbackRequests(browser)
      await page.close()
    } finally {
      await dropUiTestDatabase(database)
      await dropTestRole(role.username)
    }
  })

  it('switches between dark and light themes and keeps the choice', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/settings/connections?engine=postgres`)
    await page.getByText('No PostgreSQL connections yet').waitFor()
    const themeClass = () => page.evaluate(() => document.documentElement.className)
    const initial = (await themeClass()).includes('dark') ? 'dark' : 'light'
    await saveScreenshot(page, `connections-empty-${initial}`)

    const next = initial === 'dark' ? 'light' : 'dark'
    await page.getByRole('button', { name: `Switch to ${next} theme` }).click()
    expect((await themeClass()).includes('dark')).toBe(next === 'dark')

    await page.reload()
    await page.getByText('No PostgreSQL connections yet').waitFor()
    expect((await themeClass()).includes('dark')).toBe(next === 'dark')
    await page.getByRole('button', { name: 'Add PostgreSQL connection' }).first().click()
    await page.getByRole('dialog', { name: 'Add PostgreSQL connection' }).waitFor()
    await saveScreenshot(page, `connections-add-panel-${next}`)
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('switches the Redis connection, passes it as ?connectionId= and remembers it per project', async () => {
    const other = await createProject()
    const first = await addConnection(other, 'redis', { identifier: 'first', options: { db: 9 }, isPrimary: true })
    const second = await addConnection(other, 'redis', { identifier: 'second', options: { db: 9 } })

    const page = await openSignedIn(browser.context, env.studio.url, other.owner, `/project/${other.ref}/redis`)
    await page.getByRole('heading', { name: 'first' }).waitFor()
    const switcher = page.getByRole('combobox', { name: 'Redis connection' })
    expect(await switcher.inputValue()).toBe(first.id)

    await switcher.selectOption(second.id)
    await page.getByRole('heading', { name: 'second' }).waitFor()
    await page.waitForURL(`**/project/${other.ref}/redis?connectionId=${second.id}`)

    // Opened again without the parameter, the project's last choice is used.
    await page.goto(`${env.studio.url}/project/${other.ref}/redis`)
    await page.getByRole('heading', { name: 'second' }).waitFor()
    expect(await page.getByRole('combobox', { name: 'Redis connection' }).inputValue()).toBe(second.id)
    // The URL still wins over the stored choice.
    await page.goto(`${env.studio.url}/project/${other.ref}/redis?connectionId=${first.id}`)
    await page.getByRole('heading', { name: 'first' }).waitFor()
    await page.getByTestId('connection-test-result').getByText(/ms · v\d+/).waitFor()

    await saveScreenshot(page, 'connections-switcher')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('adds and tests PostgreSQL and MongoDB connections with the same panel', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/settings/connections?engine=postgres`)
    const postgres = postgresEndpoint()
    const mongodb = mongodbEndpoint()
    const engines = [
      { tab: 'PostgreSQL', endpoint: postgres, name: 'warehouse', extra: { Database: postgres.database ?? 'postgres' } },
      { tab: 'MongoDB', endpoint: mongodb, name: 'documents', extra: { Database: 'multibase_ui_shell' } },
    ]
    for (const engine of engines) {
      await page.getByRole('tab', { name: engine.tab }).click()
      await page.getByText(`No ${engine.tab} connections yet`).waitFor()
      await page.getByRole('button', { name: `Add ${engine.tab} connection` }).first().click()
      const panel = page.getByRole('dialog', { name: `Add ${engine.tab} connection` })
      await panel.getByLabel('Name', { exact: true }).fill(engine.name)
      await panel.getByLabel('Host', { exact: true }).fill(engine.endpoint.host)
      await panel.getByLabel('Port', { exact: true }).fill(String(engine.endpoint.port))
      for (const [label, value] of Object.entries(engine.extra)) await panel.getByLabel(label, { exact: true }).fill(value)
      if (engine.endpoint.username) await panel.getByLabel('Username', { exact: true }).fill(engine.endpoint.username)
      if (engine.endpoint.password) await panel.getByLabel('Password', { exact: true }).fill(engine.endpoint.password)
      await panel.getByRole('button', { name: 'Add connection' }).click()
      await panel.waitFor({ state: 'detached' })
      const row = page.getByRole('row').filter({ hasText: engine.name })
      await row.getByTestId('connection-test-result').getByText(/ms · v\d+/).waitFor()
    }
    await saveScreenshot(page, 'connections-add-mongodb')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
