import { Binary, BSONRegExp, Double, Int32, Long, ObjectId, Timestamp, type MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject, type TestUser } from '../helpers/fixtures'
import { idSegment, rawMongoClient } from '../helpers/mongodb'
import { assertOnlyLoopbackRequests, launchBrowser, type Browser } from './harness/browser'
import { dropUiMongoDatabases, editorText, saveScreenshotsInBothThemes, setEditorText, uiMongoDatabase } from './harness/mongodb'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

describe('MongoDB panels in a browser (FerretDB behind the Studio)', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject
  let reader: TestUser
  let raw: MongoClient
  const db = uiMongoDatabase('panels')
  const createdInUi = uiMongoDatabase('created')
  const page = (path: string, query: Record<string, string> = {}) =>
    `/project/${project.ref}/mongodb${path}?${new URLSearchParams({ db, ...query }).toString()}`
  const documentsApi = (coll: string) => `/api/platform/mongodb/${project.ref}/databases/${db}/collections/${coll}/documents`

  beforeAll(async () => {
    env = await startBrowserStudio()
    browser = await launchBrowser()
    project = await createProject()
    await addConnection(project, 'mongodb', { identifier: 'documents-store' })
    reader = await project.member('read_only')
    raw = await rawMongoClient()
    await raw.db(db).collection('people').insertMany([
      { name: 'Ada', age: new Int32(36), city: 'London' },
      { name: 'Grace', age: new Int32(45), city: 'Arlington' },
      { name: 'Linus', age: new Int32(28), city: 'Helsinki' },
    ])
    await raw.db(db).collection('orders').insertMany([
      { customer: 'ada', status: 'paid', amount: new Int32(30) },
      { customer: 'ada', status: 'paid', amount: new Int32(12) },
      { customer: 'grace', status: 'paid', amount: new Int32(50) },
      { customer: 'linus', status: 'open', amount: new Int32(99) },
      { customer: 'linus', status: 'paid', amount: new Int32(5) },
    ])
    await raw.db(db).createCollection('typed')
    await raw.db(db).createCollection('accounts')
  })

  afterAll(async () => {
    if (raw) {
      await dropUiMongoDatabases(raw, [db, createdInUi])
      await raw.close()
    }
    await browser?.close()
    await env?.stop()
  })

  it('lists databases and collections with counts; creates and drops a collection and a database after confirmation', async () => {
    const tab = await openSignedIn(browser.context, env.studio.url, project.owner, page('/collections'))
    const people = tab.locator('[data-collection="people"]')
    await people.waitFor()
    await people.getByText('3', { exact: true }).waitFor()
    await tab.locator('[data-collection="orders"]').getByText('5', { exact: true }).waitFor()
    // The chosen database is brought into view in the (virtual) list of the shared server's databases.
    await tab.getByRole('list', { name: 'Database list' }).getByRole('button', { name: new RegExp(db) }).waitFor()
    await tab.getByLabel('Filter databases').fill(db)
    expect(await tab.getByRole('list', { name: 'Database list' }).getByRole('button').count()).toBe(1)

    await tab.getByRole('button', { name: 'Create collection' }).click()
    const dialog = tab.getByRole('dialog', { name: `Create collection in ${db}` })
    await dialog.getByLabel('Collection name').fill('$bad')
    await dialog.getByRole('button', { name: 'Create collection' }).click()
    await dialog.getByText('A collection name cannot contain $').waitFor()
    await dialog.getByLabel('Collection name').fill('scratch')
    await dialog.getByRole('button', { name: 'Create collection' }).click()
    await dialog.waitFor({ state: 'detached' })
    await tab.locator('[data-collection="scratch"]').waitFor()
    expect((await raw.db(db).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).toContain('scratch')

    await tab.getByRole('button', { name: 'Drop collection scratch' }).click()
    const confirm = tab.getByRole('dialog', { name: 'Drop collection "scratch"' })
    const dropButton = confirm.getByRole('button', { name: 'Drop collection' })
    expect(await dropButton.isDisabled()).toBe(true)
    await confirm.getByRole('textbox').fill('scratch')
    await dropButton.click()
    await confirm.waitFor({ state: 'detached' })
    await tab.locator('[data-collection="scratch"]').waitFor({ state: 'detached' })
    expect((await raw.db(db).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).not.toContain('scratch')

    // A database is created with its first collection, and dropped after typing its name.
    await tab.getByRole('button', { name: 'Create database' }).click()
    const createDb = tab.getByRole('dialog', { name: 'Create database' })
    await createDb.getByLabel('Database name').fill(createdInUi)
    await createDb.getByLabel('Collection name').fill('first')
    await createDb.getByRole('button', { name: 'Create database' }).click()
    await createDb.waitFor({ state: 'detached' })
    await tab.getByRole('heading', { name: `Collections of ${createdInUi}` }).waitFor()
    await tab.locator('[data-collection="first"]').waitFor()
    await tab.getByRole('button', { name: 'Drop database' }).click()
    const dropDb = tab.getByRole('dialog', { name: `Drop database "${createdInUi}"` })
    await dropDb.getByRole('textbox').fill(createdInUi)
    await dropDb.getByRole('button', { name: 'Drop database' }).click()
    await dropDb.waitFor({ state: 'detached' })
    await tab.getByText('Choose a database').waitFor()
    expect((await raw.db().admin().listDatabases({ nameOnly: true })).databases.map((d) => d.name)).not.toContain(createdInUi)

    await tab.getByLabel('Filter databases').fill(db)
    await tab.getByRole('list', { name: 'Database list' }).getByRole('button', { name: new RegExp(db) }).click()
    await tab.locator('[data-collection="people"]').waitFor()
    await saveScreenshotsInBothThemes(tab, 'mongodb-collections')
    assertOnlyLoopbackRequests(browser)
    await tab.close()
  })

  it('queries with a filter and a projection, refuses bad input as it is typed, and keeps a history', async () => {
    const tab = await openSignedIn(browser.context, env.studio.url, project.owner, page('/documents', { coll: 'people' }))
    const table = tab.getByRole('table', { name: 'Documents' })
    await table.getByText('Linus').waitFor()
    await tab.getByTestId('documents-range').getByText('1–3 of about 3').waitFor()

    // Invalid JSON and server-side JavaScript are flagged before any request, and Find is disabled.
    const filter = tab.getByLabel('Filter', { exact: true })
    await filter.fill('{"age": ')
    await tab.getByRole('alert', { name: 'Query problems' }).getByText('filter is not valid Extended JSON').waitFor()
    expect(await tab.getByRole('button', { name: 'Find' }).isDisabled()).toBe(true)
    await filter.fill('{"$where": "this.age > 30"}')
    await tab.getByRole('alert', { name: 'Query problems' }).getByText('$where runs JavaScript on the server and is not allowed', { exact: false }).waitFor()
    expect(await tab.getByRole('button', { name: 'Find' }).isDisabled()).toBe(true)

    await filter.fill('{"age": {"$gte": 30}}')
    await tab.getByRole('textbox', { name: 'Project', exact: true }).fill('{"name": 1, "_id": 0}')
    await tab.getByLabel('Sort', { exact: true }).fill('{"age": -1}')
    await tab.getByRole('button', { name: 'Find' }).click()
    await tab.getByTestId('documents-range').getByText('1–2 of ? matching', { exact: false }).waitFor()
    // The projection left _id out: no _id column, and no row actions (a document is addressed by its _id).
    expect((await table.getByRole('columnheader').allTextContents()).filter(Boolean)).toEqual(['name'])
    expect(await table.getByRole('button', { name: /^Edit document/ }).count()).toBe(0)
    expect((await table.getByRole('cell').allTextContents()).filter(Boolean)).toEqual(['Grace', 'Ada'])

    await tab.getByRole('button', { name: 'Count exactly' }).click()
    await tab.getByTestId('documents-range').getByText('1–2 of 2 matching').waitFor()

    await tab.getByRole('tab', { name: 'EJSON' }).click()
    await tab.getByRole('list', { name: 'Documents as Extended JSON' }).getByText('"name": "Grace"').waitFor()

    // The query is in this collection's history and comes back from it.
    await tab.getByRole('button', { name: 'Reset' }).click()
    await tab.getByTestId('documents-range').getByText('1–3 of about 3').waitFor()
    await tab.getByRole('button', { name: 'History' }).click()
    await tab.getByRole('menu', { name: 'Query history' }).getByRole('menuitem', { name: /"age": \{"\$gte": 30\}/ }).click()
    await tab.getByTestId('documents-range').getByText('1–2 of ? matching', { exact: false }).waitFor()
    expect(await filter.inputValue()).toBe('{"age": {"$gte": 30}}')

    // Editing from a projected page opens the whole stored document, not the projection.
    await tab.getByRole('textbox', { name: 'Project', exact: true }).fill('{"name": 1}')
    await tab.getByRole('button', { name: 'Find' }).click()
    await tab.getByRole('tab', { name: 'Table' }).click()
    await table.getByRole('columnheader', { name: '_id' }).waitFor()
    expect(await table.getByRole('columnheader', { name: 'city' }).count()).toBe(0)
    await table.getByRole('row').filter({ hasText: 'Grace' }).getByRole('button', { name: /^Edit document/ }).click()
    const editor = tab.getByRole('dialog', { name: 'Edit document' }).getByRole('textbox', { name: 'Document' })
    await editor.getByText('"Arlington"').waitFor()
    expect(await editorText(editor)).toContain('"age": 45')
    await tab.getByRole('dialog', { name: 'Edit document' }).getByRole('button', { name: 'Cancel' }).click()
    await tab.getByRole('button', { name: 'Find' }).click()

    await saveScreenshotsInBothThemes(tab, 'mongodb-documents-query')
    assertOnlyLoopbackRequests(browser)
    await tab.close()
  })

  it('inserts, edits, clones and deletes a document with ObjectId and Date fields; types survive the round trip', async () => {
    const id = new ObjectId()
    const ref = new ObjectId()
    const canonical = (label: string) => ({
      _id: { $oid: id.toHexString() },
      ref: { $oid: ref.toHexString() },
      when: { $date: { $numberLong: String(Date.parse('2024-02-29T12:34:56.789Z')) } },
      label,
      count: { $numberInt: '42' },
      ratio: { $numberDouble: '2.0' },
      big: { $numberLong: '9007199254740993' },
      tags: ['a', { $numberInt: '1' }],
    })
    const tab = await openSignedIn(browser.context, env.studio.url, project.owner, page('/documents', { coll: 'typed' }))
    await tab.getByText('No documents match this query.').waitFor()

    await tab.getByRole('button', { name: 'Insert document' }).click()
    const panel = tab.getByRole('dialog', { name: 'Insert document' })
    const editor = panel.getByRole('textbox', { name: 'Document' })
    await setEditorText(tab, editor, '{"_id": {"$oid": "nope"}}')
    await panel.getByRole('alert').getByText('not valid Extended JSON', { exact: false }).waitFor()
    await setEditorText(
      tab,
      editor,
      `{"_id": {"$oid": "${id.toHexString()}"}, "ref": {"$oid": "${ref.toHexString()}"}, "when": {"$date": "2024-02-29T12:34:56.789Z"}, "label": "first", "count": 42, "ratio": {"$numberDouble": "2.0"}, "big": {"$numberLong": "9007199254740993"}, "tags": ["a", 1]}`
    )
    await panel.getByText('Valid Extended JSON.').waitFor()
    await panel.getByRole('button', { name: 'Insert document' }).click()
    await panel.waitFor({ state: 'detached' })
    await tab.getByRole('table', { name: 'Documents' }).getByText(`ObjectId('${id.toHexString()}')`).first().waitFor()
    await tab.getByRole('table', { name: 'Documents' }).getByText('2024-02-29T12:34:56.789Z').waitFor()

    const read = () => project.owner.request('GET', `${documentsApi('typed')}/${idSegment({ $oid: id.toHexString() })}?format=canonical`)
    expect((await read()).body).toEqual(canonical('first'))
    const stored = await raw.db(db).collection('typed').findOne({ _id: id }, { promoteValues: false })
    expect(stored?.when).toBeInstanceOf(Date)
    expect(stored?.ref).toBeInstanceOf(ObjectId)
    expect(stored?.count).toBeInstanceOf(Int32)
    expect(stored?.ratio).toBeInstanceOf(Double)
    expect(stored?.big).toBeInstanceOf(Long)

    // Edit: the editor shows every type explicitly enough to write it back unchanged; only the label changes.
    await tab.getByRole('button', { name: `Edit document ObjectId('${id.toHexString()}')` }).click()
    const editPanel = tab.getByRole('dialog', { name: 'Edit document' })
    const editEditor = editPanel.getByRole('textbox', { name: 'Document' })
    await editEditor.getByText('"first"').waitFor()
    const shown = await editorText(editEditor)
    expect(shown).toContain(`"$oid": "${id.toHexString()}"`)
    expect(shown).toContain('"$date": "2024-02-29T12:34:56.789Z"')
    expect(shown).toContain('"$numberLong": "9007199254740993"')
    expect(shown).toContain('"$numberDouble": "2.0"')
    await setEditorText(tab, editEditor, shown.replace('"first"', '"second"'))
    await editPanel.getByRole('button', { name: 'Save document' }).click()
    await editPanel.waitFor({ state: 'detached' })
    await tab.getByRole('table', { name: 'Documents' }).getByText('second').waitFor()
    expect((await read()).body).toEqual(canonical('second'))

    // Changing the _id in the editor is refused before saving.
    await tab.getByRole('button', { name: `Edit document ObjectId('${id.toHexString()}')` }).click()
    await editEditor.getByText('"second"').waitFor()
    await setEditorText(tab, editEditor, (await editorText(editEditor)).replace(id.toHexString(), new ObjectId().toHexString()))
    await editPanel.getByText('The _id of a document cannot change', { exact: false }).waitFor()
    expect(await editPanel.getByRole('button', { name: 'Save document' }).isDisabled()).toBe(true)
    await editPanel.getByRole('button', { name: 'Cancel' }).click()

    // Clone: same fields and types under a new ObjectId.
    await tab.getByRole('button', { name: `Clone document ObjectId('${id.toHexString()}')` }).click()
    const clonePanel = tab.getByRole('dialog', { name: 'Clone document' })
    await clonePanel.getByRole('textbox', { name: 'Document' }).getByText('"second"').waitFor()
    await clonePanel.getByRole('button', { name: 'Insert document' }).click()
    await clonePanel.waitFor({ state: 'detached' })
    await tab.getByTestId('documents-range').getByText('1–2 of about 2').waitFor()
    const clone = await raw.db(db).collection('typed').findOne({ _id: { $ne: id } }, { promoteValues: false })
    expect(clone?._id).toBeInstanceOf(ObjectId)
    expect(clone?.when).toEqual(new Date('2024-02-29T12:34:56.789Z'))
    expect(clone?.big).toEqual(Long.fromString('9007199254740993'))

    // Delete the original after confirmation; the API no longer finds it.
    await tab.getByRole('button', { name: `Delete document ObjectId('${id.toHexString()}')` }).click()
    const confirm = tab.getByRole('dialog', { name: 'Delete document' })
    await confirm.getByRole('button', { name: 'Delete document' }).click()
    await confirm.waitFor({ state: 'detached' })
    await tab.getByTestId('documents-range').getByText('1–1 of about 1').waitFor()
    const gone = await read()
    expect(gone.status).toBe(404)
    expect(gone.body.error.code).toBe('DOCUMENT_NOT_FOUND')

    await saveScreenshotsInBothThemes(tab, 'mongodb-documents-edited')
    assertOnlyLoopbackRequests(browser)
    await tab.close()
  })

  it('saving a document unchanged from the editor leaves its BSON byte-identical (Timestamp, Int64, 1.0, regex flags)', async () => {
    const id = new ObjectId()
    await raw.db(db).collection('exact').insertOne({
      _id: id,
      stamp: new Timestamp({ t: 1700000000, i: 7 }),
      small: Long.fromNumber(5),
      one: new Double(1),
      half: new Double(0.5),
      int: new Int32(3),
      pattern: new BSONRegExp('^a.b$', 'imsx'),
      blob: new Binary(Buffer.from('custom'), 0x80),
      old: new Date(-86400001),
      nested: { list: [Long.fromNumber(-1), new Double(2), 'x'] },
    })
    const rawBytes = async () => Buffer.from((await raw.db(db).collection('exact').findOne({ _id: id }, { raw: true })) as unknown as Uint8Array)
    const before = await rawBytes()

    const tab = await openSignedIn(browser.context, env.studio.url, project.owner, page('/documents', { coll: 'exact' }))
    await tab.getByRole('button', { name: `Edit document ObjectId('${id.toHexString()}')` }).click()
    const editPanel = tab.getByRole('dialog', { name: 'Edit document' })
    const editor = editPanel.getByRole('textbox', { name: 'Document' })
    await editor.getByText('"$timestamp"').waitFor()
    const shown = await editorText(editor)
    expect(shown).toContain('"$numberLong": "5"')
    expect(shown).toContain('"$numberDouble": "1.0"')
    expect(shown).toContain('"half": 0.5')
    expect(shown).toContain('"int": 3')
    expect(shown).toContain('"options": "imsx"')
    await editPanel.getByRole('button', { name: 'Save document' }).click()
    await editPanel.waitFor({ state: 'detached' })
    expect((await rawBytes()).equals(before)).toBe(true)
    await tab.close()
  })

  it('builds a three-stage pipeline with a preview after each stage, explains a refused operator, and runs it', async () => {
    const tab = await openSignedIn(browser.context, env.studio.url, project.owner, page('/aggregations', { coll: 'orders' }))
    const stage = (n: number) => tab.getByRole('listitem', { name: `Stage ${n}` })
    const preview = (n: number) => tab.getByRole('region', { name: `Preview after stage ${n}` })

    await setEditorText(tab, stage(1).getByRole('textbox', { name: 'Stage 1 EJSON' }), '{"$match": {"status": "paid"}}')
    await preview(1).getByText('Output after stage 1: 4 documents shown').waitFor()

    await tab.getByLabel('Stage operator').selectOption('$group')
    await tab.getByRole('button', { name: 'Add stage' }).click()
    await setEditorText(tab, stage(2).getByRole('textbox', { name: 'Stage 2 EJSON' }), '{"$group": {"_id": "$customer", "total": {"$sum": "$amount"}}}')
    await preview(2).getByText('Output after stage 2: 3 documents shown').waitFor()

    await tab.getByLabel('Stage operator').selectOption('$sort')
    await tab.getByRole('button', { name: 'Add stage' }).click()
    await setEditorText(tab, stage(3).getByRole('textbox', { name: 'Stage 3 EJSON' }), '{"$sort": {"total": -1}}')
    await preview(3).getByText('Output after stage 3: 3 documents shown').waitFor()
    const sortedIds = await preview(3).locator('pre').allTextContents()
    expect(sortedIds.map((text) => JSON.parse(text)._id)).toEqual(['grace', 'ada', 'linus'])
    expect(sortedIds.map((text) => JSON.parse(text).total)).toEqual([50, 42, 5])

    // A fourth stage with server-side JavaScript is explained inline and not previewed; the rest keep theirs.
    await tab.getByLabel('Stage operator').selectOption('$match')
    await tab.getByRole('button', { name: 'Add stage' }).click()
    await setEditorText(tab, stage(4).getByRole('textbox', { name: 'Stage 4 EJSON' }), '{"$match": {"$where": "this.total > 10"}}')
    await stage(4).getByRole('alert').getByText('$where runs JavaScript on the server and is not allowed', { exact: false }).waitFor()
    await stage(4).getByText('it would run arbitrary code on the database server', { exact: false }).waitFor()
    expect(await tab.getByRole('button', { name: 'Run pipeline' }).isDisabled()).toBe(true)
    await preview(3).getByText('Output after stage 3: 3 documents shown').waitFor()

    // Reordering changes what each stage receives: $sort before $group sorts the raw orders.
    await tab.getByRole('button', { name: 'Move stage 3 up' }).click()
    await stage(2).getByText('$sort', { exact: true }).waitFor()
    await preview(2).getByText('Output after stage 2: 4 documents shown').waitFor()
    await tab.getByRole('button', { name: 'Move stage 2 down' }).click()
    await stage(3).getByText('$sort', { exact: true }).waitFor()
    await preview(3).getByText('Output after stage 3: 3 documents shown').waitFor()

    // Disabling the refused stage lets the pipeline run.
    await stage(4).getByRole('checkbox', { name: 'Enable stage 4' }).uncheck()
    await tab.getByRole('button', { name: 'Run pipeline' }).click()
    const results = tab.getByRole('region', { name: 'Pipeline results' })
    await results.getByText('Results: 3 documents').waitFor()

    await saveScreenshotsInBothThemes(tab, 'mongodb-aggregation-pipeline')
    assertOnlyLoopbackRequests(browser)
    await tab.close()
  })

  it('creates a unique index; a duplicate insert is refused in the editor with DUPLICATE_KEY', async () => {
    const tab = await openSignedIn(browser.context, env.studio.url, project.owner, page('/indexes', { coll: 'accounts' }))
    await tab.getByRole('table', { name: 'Indexes' }).getByText('_id_').waitFor()
    await tab.getByRole('button', { name: 'Create index' }).click()
    const panel = tab.getByRole('dialog', { name: 'Create index' })
    await panel.getByLabel('Field 1', { exact: true }).fill('email')
    await panel.getByRole('checkbox', { name: /^Unique/ }).check()
    await panel.getByRole('button', { name: 'Create index' }).click()
    await panel.waitFor({ state: 'detached' })
    const row = tab.locator('[data-index-name="email_1"]')
    await row.getByText('unique').waitFor()
    await row.getByText('email: 1').waitFor()
    await saveScreenshotsInBothThemes(tab, 'mongodb-indexes-unique')

    await tab.getByRole('navigation', { name: 'MongoDB' }).getByRole('link', { name: 'Documents' }).click()
    await tab.getByText('No documents match this query.').waitFor()
    for (const attempt of [1, 2]) {
      await tab.getByRole('button', { name: 'Insert document' }).click()
      const editor = tab.getByRole('dialog', { name: 'Insert document' })
      await setEditorText(tab, editor.getByRole('textbox', { name: 'Document' }), '{"email": "ada@example.test"}')
      await editor.getByRole('button', { name: 'Insert document' }).click()
      if (attempt === 1) await editor.waitFor({ state: 'detached' })
    }
    const refused = tab.getByRole('dialog', { name: 'Insert document' }).getByRole('alert').filter({ hasText: 'DUPLICATE_KEY' })
    await refused.getByText('The document was not inserted').waitFor()
    await refused.getByText('A document with this unique key already exists').waitFor()
    expect(await raw.db(db).collection('accounts').countDocuments({ email: 'ada@example.test' })).toBe(1)

    await saveScreenshotsInBothThemes(tab, 'mongodb-duplicate-refused')
    assertOnlyLoopbackRequests(browser)
    await tab.close()
  })

  it('shows a read_only member the data but no control that writes', async () => {
    const tab = await openSignedIn(browser.context, env.studio.url, reader, page('/collections'))
    await tab.locator('[data-collection="people"]').waitFor()
    for (const name of [/Create database/, /Create collection/, /Drop/]) expect(await tab.getByRole('button', { name }).count()).toBe(0)

    await tab.goto(`${env.studio.url}${page('/documents', { coll: 'people' })}`)
    await tab.getByRole('table', { name: 'Documents' }).getByText('Linus').waitFor()
    for (const name of [/Insert document/, /^Edit document/, /^Clone document/, /^Delete document/]) expect(await tab.getByRole('button', { name }).count()).toBe(0)
    await saveScreenshotsInBothThemes(tab, 'mongodb-read-only-documents')

    await tab.goto(`${env.studio.url}${page('/indexes', { coll: 'accounts' })}`)
    await tab.locator('[data-index-name="email_1"]').waitFor()
    for (const name of [/Create index/, /^Drop index/]) expect(await tab.getByRole('button', { name }).count()).toBe(0)

    // Reading aggregations is allowed; a pipeline that writes cannot be run.
    await tab.goto(`${env.studio.url}${page('/aggregations', { coll: 'orders' })}`)
    await setEditorText(tab, tab.getByRole('textbox', { name: 'Stage 1 EJSON' }), '{"$out": "copy"}')
    await tab.getByText('your role may only read, so it cannot be run', { exact: false }).waitFor()
    expect(await tab.getByRole('button', { name: 'Run pipeline' }).isDisabled()).toBe(true)
    await saveScreenshotsInBothThemes(tab, 'mongodb-read-only-aggregations')
    assertOnlyLoopbackRequests(browser)
    await tab.close()
  })
})
