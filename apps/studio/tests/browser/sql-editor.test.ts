import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject, type TestUser } from '../helpers/fixtures'
import { createReadOnlyRole, dropTestRole } from '../helpers/pg-fixture'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'
import { createUiTestDatabase, dropUiTestDatabase, queryUiTestDatabase, setEditorText, uiTestDatabaseName } from './database-fixture'

const database = uiTestDatabaseName('sql')

const SETUP_SQL = /* sql */ `
CREATE TABLE public.people (id serial PRIMARY KEY, name text NOT NULL);
INSERT INTO public.people (name) VALUES ('ada'), ('grace');
`

describe('Database → SQL editor in a browser', () => {
  let env: BrowserStudio
  let browser: Browser
  let dark: Browser
  let project: TestProject
  let reader: TestUser
  let readOnlyRole: { username: string; password: string } | undefined

  const sqlPath = () => `/project/${project.ref}/database/sql`

  beforeAll(async () => {
    await createUiTestDatabase(database, SETUP_SQL)
    env = await startBrowserStudio()
    browser = await launchBrowser()
    dark = await launchBrowser({ colorScheme: 'dark' })
    project = await createProject()
    // read_only members' SQL and row reads run under the connection's read-only login.
    readOnlyRole = await createReadOnlyRole()
    await addConnection(project, 'postgres', {
      identifier: 'app-db',
      options: { database },
      readOnlyUsername: readOnlyRole.username,
      readOnlyPassword: readOnlyRole.password,
    })
    reader = await project.member('read_only')
  })

  afterAll(async () => {
    await browser?.close()
    await dark?.close()
    await env?.stop()
    await dropUiTestDatabase(database)
    if (readOnlyRole) await dropTestRole(readOnlyRole.username)
  })

  it('runs SQL with Ctrl+Enter and shows rows with their types, values as text', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, sqlPath())
    await page.locator('.cm-content').waitFor()
    // The editor highlights SQL (CodeMirror's PostgreSQL dialect, bundled).
    await setEditorText(page, `select 1::int as i, '{"a": [1, 2]}'::jsonb as doc, '\\xdead'::bytea as bin,\n  array['x', 'y'] as arr, null::text as nothing, 9007199254740993::int8 as big`)
    expect(await page.locator('.cm-content .cm-line span').count()).toBeGreaterThan(0)
    await page.keyboard.press('Control+Enter')

    const results = page.getByRole('grid', { name: 'Results' })
    await results.getByRole('row').nth(1).waitFor()
    expect(await results.getByTestId('result-type').allTextContents()).toEqual(['integer', 'jsonb', 'bytea', 'text[]', 'text', 'bigint'])
    expect(await results.getByRole('row').nth(1).getByRole('gridcell').allTextContents()).toEqual([
      '1',
      '1',
      // jsonb as Postgres wrote it, not re-serialized.
      '{"a": [1, 2]}',
      '\\xdead',
      '["x","y"]',
      'NULL',
      '9007199254740993',
    ])
    await page.getByTestId('result-summary').getByText('SELECT').waitFor()
    await page.getByTestId('result-summary').getByText('1 row', { exact: true }).waitFor()
    await saveScreenshot(page, 'sql-editor-result')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('runs only the selection when there is one', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, sqlPath())
    await page.locator('.cm-content').waitFor()
    await setEditorText(page, 'select 1 as first_statement;\nselect name from people order by id')
    // The caret is at the end: select the second line.
    await page.keyboard.press('Shift+Home')
    await page.getByRole('button', { name: 'Run selection' }).click()
    const results = page.getByRole('grid', { name: 'Results' })
    await results.getByRole('columnheader', { name: /^name/ }).waitFor()
    expect(await results.getByRole('gridcell').allTextContents()).toEqual(['1', 'ada', '2', 'grace'])
    await page.getByTestId('result-summary').getByText('selection').waitFor()
    await page.close()
  })

  it('marks the position of an error in the editor and shows the formatted error', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, sqlPath())
    await page.locator('.cm-content').waitFor()
    await setEditorText(page, 'select 1;\nselect id,\n       nmae from people')
    await page.getByRole('button', { name: 'Run', exact: true }).click()

    const panel = page.getByTestId('sql-error')
    await panel.getByText('Error at line 3, column 8').waitFor()
    await panel.getByText('column "nmae" does not exist', { exact: true }).waitFor()
    const formatted = await panel.getByLabel('Postgres error').textContent()
    expect(formatted).toContain('ERROR:  42703: column "nmae" does not exist')
    expect(formatted).toContain('LINE 3:        nmae from people')
    await panel.getByText('QUERY_ERROR').waitFor()
    expect(await page.locator('.cm-sql-error').textContent()).toBe('nmae')
    await saveScreenshot(page, 'sql-editor-error-position')

    // An error inside a selection is marked where it is in the whole text.
    await setEditorText(page, 'select 1;\nselect * from nowhere_table')
    await page.keyboard.press('Shift+Home')
    await page.keyboard.press('Control+Enter')
    await panel.getByText('Error at line 2, column 15').waitFor()
    expect(await page.locator('.cm-sql-error').textContent()).toBe('nowhere_table')

    // Editing the text clears the mark.
    await page.keyboard.press('End')
    await page.keyboard.insertText(' ')
    expect(await page.locator('.cm-sql-error').count()).toBe(0)
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('says plainly when a query ran past its timeout', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, sqlPath())
    await page.locator('.cm-content').waitFor()
    await setEditorText(page, 'select pg_sleep(5)')
    await page.getByLabel('Timeout in seconds').fill('0.3')
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    const panel = page.getByTestId('sql-error')
    await panel.getByText('The query took longer than its time limit and was cancelled').waitFor()
    await panel.getByText(/^Timed out after 0\.3 s/).waitFor()
    await panel.getByText('QUERY_TIMEOUT', { exact: false }).waitFor()
    await saveScreenshot(page, 'sql-editor-timeout')
    await page.close()
  })

  it('tells when the server cut the result at its row cap', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, sqlPath())
    await page.locator('.cm-content').waitFor()
    await setEditorText(page, 'select n, md5(n::text) as hash from generate_series(1, 10050) n')
    await page.keyboard.press('Control+Enter')
    await page.getByRole('status').getByText('Showing the first 10,000 of 10,050 rows: this server returns at most 10,000 rows.').waitFor()
    // Virtualised: ten thousand rows, a few dozen in the DOM.
    const rendered = await page.getByRole('grid', { name: 'Results' }).getByRole('row').count()
    expect(rendered).toBeLessThan(100)
    await page.getByRole('grid', { name: 'Results' }).evaluate((element) => element.scrollTo(0, element.scrollHeight))
    await page.getByRole('grid', { name: 'Results' }).getByRole('gridcell', { name: '10000', exact: true }).first().waitFor()
    await saveScreenshot(page, 'sql-editor-row-cap')
    await page.close()
  })

  it('lets a read_only member run SQL read-only and shows that writes are refused', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, reader, sqlPath())
    await page.locator('.cm-content').waitFor()
    await page.getByTestId('read-only-notice').waitFor()
    await setEditorText(page, 'select count(*) as people from people')
    await page.keyboard.press('Control+Enter')
    await page.getByTestId('result-summary').getByText('ran READ ONLY').waitFor()
    expect(await page.getByRole('grid', { name: 'Results' }).getByRole('gridcell').allTextContents()).toEqual(['1', '2'])

    await setEditorText(page, "insert into people (name) values ('sneaky')")
    await page.keyboard.press('Control+Enter')
    await page.getByTestId('sql-error').getByText(/read-only transaction/).first().waitFor()
    expect(await queryUiTestDatabase(database, `SELECT 1 FROM public.people WHERE name = 'sneaky'`)).toEqual([])
    await saveScreenshot(page, 'sql-editor-read-only')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('tells a read_only member what is needed when the connection has no read-only login', async () => {
    const other = await createProject()
    await addConnection(other, 'postgres', { identifier: 'no-ro-login', options: { database } })
    const otherReader = await other.member('read_only')
    const page = await openSignedIn(browser.context, env.studio.url, otherReader, `/project/${other.ref}/database/sql`)
    await page.locator('.cm-content').waitFor()
    await setEditorText(page, 'select count(*) from people')
    await page.keyboard.press('Control+Enter')
    const notice = page.getByTestId('read-only-login-notice')
    await notice.getByText('GRANT pg_read_all_data TO studio_ro;').waitFor()
    expect(await notice.getByRole('link', { name: 'Settings → Connections' }).getAttribute('href')).toBe(`/project/${other.ref}/settings/connections`)
    await saveScreenshot(page, 'sql-editor-read-only-login-required')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('renders in the dark theme with an error marked', async () => {
    const page = await openSignedIn(dark.context, env.studio.url, project.owner, sqlPath())
    await page.locator('.cm-content').waitFor()
    await setEditorText(page, "select id, name\nfrom people\nwhere name = 'ada' orderr by id")
    await page.keyboard.press('Control+Enter')
    await page.getByTestId('sql-error').getByText(/Error at line 3/).waitFor()
    await page.locator('.cm-sql-error').waitFor()
    await saveScreenshot(page, 'sql-editor-dark-error')
    await setEditorText(page, 'select id, name from people order by id')
    await page.keyboard.press('Control+Enter')
    await page.getByRole('grid', { name: 'Results' }).getByRole('gridcell', { name: 'grace' }).waitFor()
    await saveScreenshot(page, 'sql-editor-dark-result')
    assertOnlyLoopbackRequests(dark)
    await page.close()
  })
})
