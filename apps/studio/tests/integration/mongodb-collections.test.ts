import type { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf } from '../helpers/api'
import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { dropMongoTestDatabases, mongoTestDatabase, rawMongoClient } from '../helpers/mongodb'

let project: TestProject
let raw: MongoClient
const db = mongoTestDatabase('coll')
const base = () => `/api/platform/mongodb/${project.ref}/databases`

beforeAll(async () => {
  project = await createProject()
  await addConnection(project, 'mongodb')
  raw = await rawMongoClient()
})

afterAll(async () => {
  await dropMongoTestDatabases(raw, [db])
  await raw.close()
})

describe('MongoDB databases and collections', () => {
  it('creates a database with its first collection, lists it, reports stats, and drops it again', async () => {
    const missing = await project.owner.request('GET', `${base()}/${db}/collections`)
    expect(missing.status).toBe(404)
    expect(errorOf(missing).code).toBe('DATABASE_NOT_FOUND')

    const created = await project.owner.request('POST', `${base()}/${db}/collections`, { name: 'people' })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({ name: 'people', type: 'collection' })
    const capped = await project.owner.request('POST', `${base()}/${db}/collections`, { name: 'log', capped: { size: 65536 } })
    expect(capped.status).toBe(201)

    const again = await project.owner.request('POST', `${base()}/${db}/collections`, { name: 'people' })
    expect(again.status).toBe(409)
    expect(errorOf(again).code).toBe('COLLECTION_EXISTS')

    const databases = await project.owner.request('GET', base())
    expect(databases.status).toBe(200)
    const entry = databases.body.find((database: { name: string }) => database.name === db)
    expect(entry).toMatchObject({ name: db, empty: false })
    expect(typeof entry.sizeOnDisk).toBe('number')

    await raw.db(db).collection('people').insertMany([{ name: 'Ada' }, { name: 'Grace' }])
    const stats = await project.owner.request('GET', `${base()}/${db}/stats`)
    expect(stats.status).toBe(200)
    expect(stats.body).toMatchObject({ db, collections: 2, objects: 2 })

    const listed = await project.owner.request('GET', `${base()}/${db}/collections`)
    expect(listed.status).toBe(200)
    expect(listed.body).toEqual([
      { name: 'log', type: 'collection' },
      { name: 'people', type: 'collection' },
    ])
    const withStats = await project.owner.request('GET', `${base()}/${db}/collections?stats=true`)
    expect(withStats.body.find((collection: { name: string }) => collection.name === 'people').stats).toMatchObject({ count: 2, capped: false })
    expect(withStats.body.find((collection: { name: string }) => collection.name === 'log').stats).toMatchObject({ count: 0, capped: true })

    const dropped = await project.owner.request('DELETE', `${base()}/${db}/collections/log`)
    expect(dropped.status).toBe(200)
    expect(dropped.body).toEqual({ dropped: true, name: 'log' })
    const droppedAgain = await project.owner.request('DELETE', `${base()}/${db}/collections/log`)
    expect(droppedAgain.status).toBe(404)
    expect(errorOf(droppedAgain).code).toBe('COLLECTION_NOT_FOUND')
    expect((await raw.db(db).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).toEqual(['people'])
  })

  it('refuses invalid names and options before touching the server', async () => {
    const badDb = await project.owner.request('GET', `${base()}/bad.name/collections`)
    expect(badDb.status).toBe(400)
    expect(errorOf(badDb).code).toBe('VALIDATION_ERROR')
    const badCollection = await project.owner.request('POST', `${base()}/${db}/collections`, { name: 'a$b' })
    expect(badCollection.status).toBe(400)
    const reserved = await project.owner.request('POST', `${base()}/${db}/collections`, { name: 'system.x' })
    expect(reserved.status).toBe(400)
    const both = await project.owner.request('POST', `${base()}/${db}/collections`, {
      name: 'both',
      capped: { size: 1000 },
      timeseries: { timeField: 't' },
    })
    expect(both.status).toBe(400)
    const jsValidator = await project.owner.request('POST', `${base()}/${db}/collections`, {
      name: 'validated',
      validator: { $expr: { $function: { body: 'function() { return true }', args: [], lang: 'js' } } },
    })
    expect(jsValidator.status).toBe(400)
    expect(errorOf(jsValidator).code).toBe('OPERATOR_NOT_ALLOWED')
    expect((await raw.db(db).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).toEqual(['people'])
  })

  it('creates, lists and drops indexes; a unique index rejects a duplicate with 409 DUPLICATE_KEY', async () => {
    const indexes = `${base()}/${db}/collections/people/indexes`
    const unique = await project.owner.request('POST', indexes, { key: { email: 1 }, unique: true, name: 'email_unique' })
    expect(unique.status).toBe(201)
    expect(unique.body).toEqual({ name: 'email_unique' })
    // FerretDB 1.x accepts but does not keep `sparse`, so this suite's indexes use only what it keeps.
    const compound = await project.owner.request('POST', indexes, { key: { name: 1, age: -1 } })
    expect(compound.status).toBe(201)
    expect(compound.body).toEqual({ name: 'name_1_age_-1' })

    const listed = await project.owner.request('GET', indexes)
    expect(listed.status).toBe(200)
    expect(listed.body).toEqual([
      { name: '_id_', key: { _id: 1 }, unique: false, sparse: false, hidden: false },
      { name: 'email_unique', key: { email: 1 }, unique: true, sparse: false, hidden: false },
      { name: 'name_1_age_-1', key: { name: 1, age: -1 }, unique: false, sparse: false, hidden: false },
    ])

    const documents = `${base()}/${db}/collections/people/documents`
    expect((await project.owner.request('POST', documents, { document: { email: 'ada@example.com' } })).status).toBe(201)
    const duplicate = await project.owner.request('POST', documents, { document: { email: 'ada@example.com' } })
    expect(duplicate.status).toBe(409)
    expect(errorOf(duplicate).code).toBe('DUPLICATE_KEY')
    expect(await raw.db(db).collection('people').countDocuments({ email: 'ada@example.com' })).toBe(1)
    // An ordered insert of many stops at the duplicate and says how far it got.
    const many = await project.owner.request('POST', documents, {
      documents: [{ email: 'first@example.com' }, { email: 'ada@example.com' }, { email: 'third@example.com' }],
    })
    expect(many.status).toBe(409)
    expect(errorOf(many)).toMatchObject({ code: 'DUPLICATE_KEY', details: { insertedCount: 1, failedIndex: 1 } })
    expect(await raw.db(db).collection('people').countDocuments({ email: { $in: ['first@example.com', 'third@example.com'] } })).toBe(1)

    const idIndex = await project.owner.request('DELETE', `${indexes}/_id_`)
    expect(idIndex.status).toBe(400)
    expect(errorOf(idIndex).code).toBe('CANNOT_DROP_ID_INDEX')
    const unknown = await project.owner.request('DELETE', `${indexes}/nope`)
    expect(unknown.status).toBe(404)
    expect(errorOf(unknown).code).toBe('INDEX_NOT_FOUND')

    const dropped = await project.owner.request('DELETE', `${indexes}/email_unique`)
    expect(dropped.status).toBe(200)
    expect((await project.owner.request('POST', documents, { document: { email: 'ada@example.com' } })).status).toBe(201)
    expect((await raw.db(db).collection('people').indexes()).map((index) => index.name)).toEqual(['_id_', 'name_1_age_-1'])
  })

  it('lets a read_only member list but not create or drop', async () => {
    const reader = await project.member('read_only')
    expect((await reader.request('GET', `${base()}/${db}/collections`)).status).toBe(200)
    expect((await reader.request('GET', `${base()}/${db}/collections/people/indexes`)).status).toBe(200)
    const create = await reader.request('POST', `${base()}/${db}/collections`, { name: 'nope' })
    expect(create.status).toBe(403)
    expect(errorOf(create).code).toBe('FORBIDDEN')
    expect((await reader.request('DELETE', `${base()}/${db}/collections/people`)).status).toBe(403)
    expect((await reader.request('POST', `${base()}/${db}/collections/people/indexes`, { key: { x: 1 } })).status).toBe(403)
    expect((await reader.request('DELETE', `${base()}/${db}`)).status).toBe(403)
  })

  it('drops a whole database', async () => {
    const dropped = await project.owner.request('DELETE', `${base()}/${db}`)
    expect(dropped.status).toBe(200)
    expect((await project.owner.request('GET', `${base()}/${db}/stats`)).status).toBe(404)
    const databases = await project.owner.request('GET', base())
    expect(databases.body.map((database: { name: string }) => database.name)).not.toContain(db)
  })
})
