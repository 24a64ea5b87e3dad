import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject, type TestUser } from '../helpers/fixtures'
import { createReadOnlyRole, dropTestRole } from '../helpers/pg-fixture'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'
import { createUiTestDatabase, dropUiTestDatabase, queryUiTestDatabase, uiTestDatabaseName } from './database-fixture'

const database = uiTestDatabaseName('tables')

/**
 * people: 60 rows with ages 1..60 and every kind of value the grid renders as text; notes: no primary
 * key; schema "many": 1,000 tables.
 */
const SETUP_SQL = /* sql */ `
CREATE TABLE public.people (
  id serial PRIMARY KEY,
  name text NOT NULL,
  age integer,
  meta jsonb,
  tags text[],
  avatar bytea,
  big bigint,
  ratio double precision
);
INSERT INTO public.people (name, age, meta, tags, avatar, big, ratio)
SELECT 'person-' || n, n,
       CASE WHEN n <= 3 THEN jsonb_build_object('rank', n, 'nested', jsonb_build_object('ok', true)) WHEN n = 5 THEN '"just text"'::jsonb END,
       ARRAY['t' || n, 'x'], CASE WHEN n = 1 THEN '\\xdeadbeef'::bytea END, 9007199254740993 + n,
       CASE WHEN n = 1 THEN 'NaN'::float8 ELSE n / 4.0 END
FROM generate_series(1, 60) n;
CREATE TABLE public.notes (body text);
INSERT INTO public.notes VALUES ('no key here'), ('nor here');
CREATE SCHEMA many;
DO $$ BEGIN
  FOR i IN 0..999 LOOP
    EXECUTE format('CREATE TABLE many.%I (id int PRIMARY KEY)', 't_' || lpad(i::text, 4, '0'));
  END LOOP;
END $$;
`

describe('Database → Tables in a browser', () => {
  let env: BrowserStudio
  let browser: Browser
  let dark: Browser
  let project: TestProject
  let reader: TestUser
  let readOnlyRole: { username: string; password: string } | undefined

  const tablePath = (schema: string, table: string) => `/project/${project.ref}/database?schema=${schema}&table=${table}`
  const person = (id: number) => queryUiTestDatabase<{ name: string; age: number; meta: unknown }>(database, 'SELECT name, age, meta FROM public.people WHERE id = $1', [id])

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

  it('browses a table: column types, values as text, paging, sorting by header and filters', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/database`)
    await page.getByText('Choose a table').waitFor()
    await page.getByRole('button', { name: 'people' }).click()
    const grid = page.getByRole('table', { name: 'Rows' })
    await grid.getByRole('row').nth(1).waitFor()

    // Headers carry the Postgres type; values are text (jsonb as Postgres wrote it, bytea as hex,
    // arrays, int8 with every digit, a NaN float as NaN).
    const types = await grid.getByTestId('column-type').allTextContents()
    expect(types).toEqual(['integer', 'text', 'integer', 'jsonb', 'text[]', 'bytea', 'bigint', 'double precision'])
    const first = grid.getByTestId('row').first()
    expect(await first.locator('td[data-column="meta"]').textContent()).toBe('{"rank": 1, "nested": {"ok": true}}')
    expect(await first.locator('td[data-column="ratio"]').textContent()).toBe('NaN')
    expect(await grid.getByTestId('row').nth(1).locator('td[data-column="ratio"]').textContent()).toBe('0.5')
    expect(await first.locator('td[data-column="avatar"]').textContent()).toBe('\\xdeadbeef')
    expect(await first.locator('td[data-column="tags"]').textContent()).toBe('["t1","x"]')
    expect(await first.locator('td[data-column="big"]').textContent()).toBe('9007199254740994')
    expect(await grid.getByTestId('row').nth(3).locator('td[data-column="meta"]').textContent()).toBe('NULL')
    // A jsonb string keeps its quotes, apart from a document or a NULL.
    expect(await grid.getByTestId('row').nth(4).locator('td[data-column="meta"]').textContent()).toBe('"just text"')

    // Paging: 25 a page over 60 rows.
    await page.getByLabel('Rows per page').selectOption('25')
    await page.getByTestId('row-range').getByText('Rows 1–25 of 60').waitFor()
    await page.getByRole('button', { name: 'Next page' }).click()
    await page.getByTestId('row-range').getByText('Rows 26–50 of 60').waitFor()
    expect(await grid.getByTestId('row').first().locator('td[data-column="id"]').textContent()).toBe('26')
    await page.getByRole('button', { name: 'Next page' }).click()
    await page.getByTestId('row-range').getByText('Rows 51–60 of 60').waitFor()
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true)

    // Sorting: a header click sorts ascending, a second descending (and goes back to the first page).
    const ageHeader = grid.getByRole('columnheader', { name: /^age/ })
    await ageHeader.getByRole('button').click()
    await page.getByTestId('row-range').getByText('Rows 1–25 of 60').waitFor()
    await ageHeader.getByRole('button').click()
    await grid.locator('th[aria-sort="descending"]').waitFor()
    await first.locator('td[data-column="age"]').getByText('60', { exact: true }).waitFor()
    expect(await grid.getByTestId('row').nth(1).locator('td[data-column="age"]').textContent()).toBe('59')

    // Filters: age >= 55 and name ilike %PERSON-5%  →  person-55 … person-59 (person-60 has no "-5").
    await page.getByRole('button', { name: 'Filter', exact: true }).click()
    await page.getByRole('button', { name: 'Add filter' }).click()
    const rows = page.getByTestId('filter-row')
    await rows.nth(0).getByLabel('Filter column').selectOption('age')
    await rows.nth(0).getByLabel('Filter operator').selectOption('gte')
    await rows.nth(0).getByLabel('Filter value').fill('55')
    await page.getByRole('button', { name: 'Add filter' }).click()
    await rows.nth(1).getByLabel('Filter column').selectOption('name')
    await rows.nth(1).getByLabel('Filter operator').selectOption('ilike')
    await rows.nth(1).getByLabel('Filter value').fill('%PERSON-5%')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.getByTestId('row-range').getByText('Rows 1–5 of 5').waitFor()
    expect(await grid.locator('td[data-column="age"]').allTextContents()).toEqual(['59', '58', '57', '56', '55'])

    // A value Postgres cannot read as the column's type is explained, not swallowed.
    await rows.nth(0).getByLabel('Filter value').fill('old')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.getByRole('alert').filter({ hasText: 'The rows could not be read' }).waitFor()
    await rows.nth(0).getByLabel('Filter value').fill('55')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.getByTestId('row-range').getByText('Rows 1–5 of 5').waitFor()

    await saveScreenshot(page, 'database-tables-browse')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('edits cells inline (text and jsonb) and the values are stored', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, tablePath('public', 'people'))
    const grid = page.getByRole('table', { name: 'Rows' })
    const row = grid.getByTestId('row').first()
    await row.locator('td[data-column="name"]').getByText('person-1', { exact: true }).waitFor()

    await row.locator('td[data-column="name"]').dblclick()
    const editor = page.getByRole('dialog', { name: 'Edit name' })
    await editor.getByLabel('Value of name').fill('Ada: edited')
    await editor.getByLabel('Value of name').press('Enter')
    await editor.waitFor({ state: 'detached' })
    await row.locator('td[data-column="name"]').getByText('Ada: edited').waitFor()
    expect((await person(1))[0].name).toBe('Ada: edited')

    // jsonb starts as the text Postgres wrote and is saved as typed: a 30-digit number keeps its digits.
    await row.locator('td[data-column="meta"]').dblclick()
    const jsonEditor = page.getByRole('dialog', { name: 'Edit meta' })
    expect(await jsonEditor.getByLabel('Value of meta').inputValue()).toBe('{"rank": 1, "nested": {"ok": true}}')
    await jsonEditor.getByLabel('Value of meta').fill('{"rank": 7, "list": [1, 2]')
    await jsonEditor.getByRole('button', { name: 'Save' }).click()
    await jsonEditor.getByRole('alert').getByText(/Not valid JSON/).waitFor()
    await jsonEditor.getByLabel('Value of meta').fill('{"rank": 7, "list": [1, 2], "big": 123456789012345678901234567890}')
    await jsonEditor.getByLabel('Value of meta').press('Control+Enter')
    await jsonEditor.waitFor({ state: 'detached' })
    const exact = (column: string) => queryUiTestDatabase<{ text: string }>(database, `SELECT ${column}::text AS text FROM public.people WHERE id = 1`)
    expect((await exact('meta'))[0].text).toBe('{"big": 123456789012345678901234567890, "list": [1, 2], "rank": 7}')
    await row.locator('td[data-column="meta"]').getByText('{"big": 123456789012345678901234567890, "list": [1, 2], "rank": 7}').waitFor()

    // A bigint beyond 2^53 and a float special go back exactly as typed.
    await row.locator('td[data-column="big"]').dblclick()
    const bigEditor = page.getByRole('dialog', { name: 'Edit big' })
    expect(await bigEditor.getByLabel('Value of big').inputValue()).toBe('9007199254740994')
    await bigEditor.getByLabel('Value of big').fill('9223372036854775807')
    await bigEditor.getByLabel('Value of big').press('Enter')
    await bigEditor.waitFor({ state: 'detached' })
    expect((await exact('big'))[0].text).toBe('9223372036854775807')
    await row.locator('td[data-column="big"]').getByText('9223372036854775807', { exact: true }).waitFor()
    await row.locator('td[data-column="ratio"]').dblclick()
    const ratioEditor = page.getByRole('dialog', { name: 'Edit ratio' })
    expect(await ratioEditor.getByLabel('Value of ratio').inputValue()).toBe('NaN')
    await ratioEditor.getByLabel('Value of ratio').fill('-Infinity')
    await ratioEditor.getByLabel('Value of ratio').press('Enter')
    await ratioEditor.waitFor({ state: 'detached' })
    expect((await exact('ratio'))[0].text).toBe('-Infinity')
    await row.locator('td[data-column="ratio"]').getByText('-Infinity', { exact: true }).waitFor()
    await row.locator('td[data-column="ratio"]').scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'database-tables-exact-values')

    // A value Postgres refuses keeps the editor open with Postgres' reason.
    await row.locator('td[data-column="age"]').dblclick()
    const ageEditor = page.getByRole('dialog', { name: 'Edit age' })
    await ageEditor.getByLabel('Value of age').fill('forty')
    await ageEditor.getByLabel('Value of age').press('Enter')
    await ageEditor.getByRole('alert').getByText(/integer/).waitFor()
    await ageEditor.getByRole('button', { name: 'Set NULL' }).click()
    await ageEditor.waitFor({ state: 'detached' })
    expect((await person(1))[0].age).toBeNull()
    await row.locator('td[data-column="age"]').getByText('NULL').waitFor()

    await saveScreenshot(page, 'database-tables-edited')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('inserts a row with defaults and deletes a row by primary key', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, tablePath('public', 'people'))
    await page.getByRole('table', { name: 'Rows' }).getByTestId('row').first().waitFor()

    await page.getByRole('button', { name: 'Insert row' }).click()
    const panel = page.getByRole('dialog', { name: 'Insert a row into public.people' })
    expect(await panel.getByLabel('id · int4').getAttribute('placeholder')).toMatch(/^default: nextval/)
    await panel.getByLabel('name · text').fill('inserted from the grid')
    await panel.getByLabel('age · int4').fill('99')
    await panel.getByLabel('tags · text[]').fill('["new"]')
    await panel.getByRole('button', { name: 'Insert row' }).click()
    await panel.waitFor({ state: 'detached' })
    const inserted = await queryUiTestDatabase<{ id: number; tags: string[]; meta: unknown }>(database, `SELECT id, tags, meta FROM public.people WHERE name = 'inserted from the grid'`)
    expect(inserted).toEqual([{ id: 61, tags: ['new'], meta: null }])
    await page.getByTestId('row-range').getByText('Rows 1–61 of 61').waitFor()

    await page.getByRole('button', { name: 'Delete row 2', exact: true }).click()
    const confirm = page.getByRole('dialog', { name: 'Delete this row?' })
    await confirm.getByText('id = 2').waitFor()
    await confirm.getByRole('button', { name: 'Delete row' }).click()
    await confirm.waitFor({ state: 'detached' })
    await page.getByTestId('row-range').getByText('Rows 1–60 of 60').waitFor()
    expect(await person(2)).toEqual([])

    await saveScreenshot(page, 'database-tables-insert-delete')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('shows a table without a primary key read-only, with a plain message', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, tablePath('public', 'notes'))
    await page.getByText('This table has no primary key').waitFor()
    await page.getByRole('table', { name: 'Rows' }).getByText('no key here').waitFor()
    expect(await page.getByRole('button', { name: 'Insert row' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: /^Delete row/ }).count()).toBe(0)
    await page.getByRole('table', { name: 'Rows' }).getByText('no key here').dblclick()
    expect(await page.getByRole('dialog').count()).toBe(0)
    await saveScreenshot(page, 'database-tables-no-primary-key')
    await page.close()
  })

  it('lists a schema of 1,000 tables (virtualised) and filters it as you type', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/database`)
    await page.getByLabel('Schema').selectOption('many')
    const list = page.getByTestId('table-list')
    await page.getByText('1,000 tables', { exact: true }).waitFor()
    await list.getByRole('button', { name: 't_0000' }).waitFor()
    // Only the visible window is in the DOM, not a thousand buttons.
    const rendered = await list.getByRole('button').count()
    expect(rendered).toBeGreaterThan(10)
    expect(rendered).toBeLessThan(100)

    // Scrolling to the end renders the last tables.
    await list.evaluate((element) => element.scrollTo(0, element.scrollHeight))
    await list.getByRole('button', { name: 't_0999' }).waitFor()

    await page.getByLabel('Search tables').fill('t_09')
    await page.getByText('100 of 1,000 tables').waitFor()
    await page.getByLabel('Search tables').fill('t_0742')
    await page.getByText('1 of 1,000 tables').waitFor()
    expect(await list.getByRole('button').allTextContents()).toEqual(['t_0742'])
    await list.getByRole('button', { name: 't_0742' }).click()
    await page.getByRole('heading', { name: 'many.t_0742' }).waitFor()
    await page.getByText('This table has no rows.').waitFor()
    expect(page.url()).toContain('schema=many&table=t_0742')

    await saveScreenshot(page, 'database-tables-thousand')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('gives a read_only member the rows without any write control', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, reader, tablePath('public', 'people'))
    const grid = page.getByRole('table', { name: 'Rows' })
    await grid.getByTestId('row').first().waitFor()
    await page.getByText('read only', { exact: true }).waitFor()
    expect(await page.getByRole('button', { name: 'Insert row' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: /^Delete row/ }).count()).toBe(0)
    expect(await grid.getByRole('columnheader', { name: 'Row actions' }).count()).toBe(0)
    await grid.getByTestId('row').first().locator('td[data-column="name"]').dblclick()
    expect(await page.getByRole('dialog').count()).toBe(0)
    // Reading still works: sorting and paging.
    await grid.getByRole('columnheader', { name: /^name/ }).getByRole('button').click()
    await grid.locator('th[aria-sort="ascending"]').waitFor()
    await saveScreenshot(page, 'database-tables-read-only')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('tells a read_only member what is needed when the connection has no read-only login', async () => {
    const other = await createProject()
    await addConnection(other, 'postgres', { identifier: 'no-ro-login', options: { database } })
    const otherReader = await other.member('read_only')
    const page = await openSignedIn(browser.context, env.studio.url, otherReader, `/project/${other.ref}/database?schema=public&table=people`)
    const notice = page.getByTestId('read-only-login-notice')
    await notice.getByText('GRANT pg_read_all_data TO studio_ro;').waitFor()
    expect(await page.getByRole('table', { name: 'Rows' }).getByTestId('row').count()).toBe(0)
    await saveScreenshot(page, 'database-tables-read-only-login-required')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('renders the table editor in the dark theme', async () => {
    const page = await openSignedIn(dark.context, env.studio.url, project.owner, tablePath('public', 'people'))
    const grid = page.getByRole('table', { name: 'Rows' })
    await grid.getByTestId('row').first().waitFor()
    await page.getByRole('button', { name: 'Filter', exact: true }).click()
    await page.getByRole('button', { name: 'Add filter' }).click()
    await grid.getByTestId('row').nth(2).locator('td[data-column="name"]').dblclick()
    await page.getByRole('dialog', { name: 'Edit name' }).waitFor()
    await saveScreenshot(page, 'database-tables-dark')
    assertOnlyLoopbackRequests(dark)
    await page.close()
  })
})
