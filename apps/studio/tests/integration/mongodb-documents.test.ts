import { parseEjson, serializeEjson } from '@multibase/api-contracts'
import { ObjectId, type MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf } from '../helpers/api'
import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { dropMongoTestDatabases, idSegment, mongoTestDatabase, rawMongoClient, type AnyIdDocument } from '../helpers/mongodb'

let project: TestProject
let raw: MongoClient
const db = mongoTestDatabase('docs')
const collectionPath = (coll: string) => `/api/platform/mongodb/${project.ref}/databases/${db}/collections/${coll}`

beforeAll(async () => {
  project = await createProject()
  await addConnection(project, 'mongodb')
  raw = await rawMongoClient()
  for (const name of ['types', 'people', 'ids', 'bulk', 'slow']) await raw.db(db).createCollection(name)
})

afterAll(async () => {
  await dropMongoTestDatabases(raw, [db])
  await raw.close()
})

/** A document using every EJSON type the test server stores, in canonical form. */
const everyType = {
  _id: { $oid: '65a1b2c3d4e5f60718293a4b' },
  date: { $date: { $numberLong: '1700000000123' } },
  long: { $numberLong: '9007199254740993' },
  int: { $numberInt: '42' },
  double: { $numberDouble: '3.25' },
  binary: { $binary: { base64: 'AAECAwQ=', subType: '00' } },
  uuid: { $binary: { base64: 'EjRWeJASNFZ4kBI0VniQEg==', subType: '04' } },
  md5: { $binary: { base64: 'AAECAwQFBgcICQoLDA0ODw==', subType: '05' } },
  timestamp: { $timestamp: { t: 1700000000, i: 7 } },
  regex: { $regularExpression: { pattern: '^ab', options: 'i' } },
  string: 'héllo',
  bool: true,
  nothing: null,
  nested: { list: [{ $numberInt: '1' }, 'two', { $oid: '65a1b2c3d4e5f60718293a4c' }], inner: { deep: { $numberLong: '-5' } } },
}

describe('MongoDB documents in Extended JSON', () => {
  it('stores every EJSON type and reads it back identical (canonical), and relaxed on request', async () => {
    const inserted = await project.owner.request('POST', `${collectionPath('types')}/documents`, { document: everyType })
    expect(inserted.status).toBe(201)
    expect(inserted.body).toEqual({ insertedCount: 1, insertedIds: [{ $oid: '65a1b2c3d4e5f60718293a4b' }] })

    const canonical = await project.owner.request('GET', `${collectionPath('types')}/documents?format=canonical`)
    expect(canonical.status).toBe(200)
    expect(canonical.body.documents).toEqual([everyType])
    expect(canonical.body.estimatedCount).toBe(1)

    const byId = await project.owner.request('GET', `${collectionPath('types')}/documents/${idSegment(everyType._id)}?format=canonical`)
    expect(byId.status).toBe(200)
    expect(byId.body).toEqual(everyType)

    // The driver sees real BSON types, not strings that look like them.
    const stored = await raw.db(db).collection('types').findOne({}, { promoteValues: false })
    expect(stored?._id).toBeInstanceOf(ObjectId)
    expect(stored?.date).toBeInstanceOf(Date)
    expect(stored?.long._bsontype).toBe('Long')
    expect(stored?.uuid.sub_type).toBe(4)

    const relaxed = await project.owner.request('GET', `${collectionPath('types')}/documents`)
    const document = relaxed.body.documents[0]
    expect(document.int).toBe(42)
    expect(document.double).toBe(3.25)
    expect(document.date).toEqual({ $date: '2023-11-14T22:13:20.123Z' })
    // An Int64 beyond 2^53 stays exact even in relaxed form.
    expect(document.long).toEqual({ $numberLong: '9007199254740993' })
  })

  it('accepts $uuid and relaxed input and stores the same BSON types', async () => {
    const inserted = await project.owner.request('POST', `${collectionPath('types')}/documents`, {
      document: { _id: 'relaxed', uuid: { $uuid: '12345678-9012-3456-7890-123456789012' }, when: { $date: '2024-01-02T03:04:05.006Z' } },
    })
    expect(inserted.status).toBe(201)
    const read = await project.owner.request('GET', `${collectionPath('types')}/documents/${idSegment('relaxed')}?format=canonical`)
    expect(read.body).toEqual({
      _id: 'relaxed',
      uuid: { $binary: { base64: 'EjRWeJASNFZ4kBI0VniQEg==', subType: '04' } },
      when: { $date: { $numberLong: String(Date.parse('2024-01-02T03:04:05.006Z')) } },
    })
  })

  it('keeps Decimal128 exact through the shared EJSON helpers (the test server, FerretDB 1.x, cannot store it)', () => {
    const value = { price: { $numberDecimal: '1234567890.123456789012345678901234' } }
    expect(serializeEjson(parseEjson(JSON.stringify(value), 'document'), 'canonical')).toEqual(value)
    expect(serializeEjson(parseEjson(JSON.stringify(value), 'document'), 'relaxed')).toEqual(value)
  })

  it('queries with filter, projection, sort, skip and limit, with an estimated and an exact count', async () => {
    const people = Array.from({ length: 12 }, (_, index) => ({
      _id: index + 1,
      name: `person-${String(index + 1).padStart(2, '0')}`,
      age: 20 + (index % 6),
      team: index % 2 === 0 ? 'red' : 'blue',
      born: new Date(Date.UTC(1990, 0, index + 1)),
    }))
    await raw.db(db).collection<AnyIdDocument>('people').insertMany(people)
    const documents = `${collectionPath('people')}/documents`

    const query = new URLSearchParams({
      filter: JSON.stringify({ team: 'red', born: { $gte: { $date: '1990-01-03T00:00:00Z' } } }),
      projection: JSON.stringify({ name: 1, age: 1 }),
      sort: JSON.stringify({ age: -1, _id: 1 }),
      skip: '1',
      limit: '3',
      exactCount: 'true',
    })
    const page = await project.owner.request('GET', `${documents}?${query}`)
    expect(page.status).toBe(200)
    // red: ids 1,3,5,7,9,11 with ages 20,22,24,20,22,24; born >= Jan 3 drops id 1 and 2.
    // Sorted by age desc, _id asc: 5(24),11(24),3(22),9(22),7(20); skip 1, limit 3.
    expect(page.body.documents).toEqual([
      { _id: 11, name: 'person-11', age: 24 },
      { _id: 3, name: 'person-03', age: 22 },
      { _id: 9, name: 'person-09', age: 22 },
    ])
    expect(page.body.estimatedCount).toBe(12)
    expect(page.body.exactCount).toEqual({ status: 'ok', value: 5 })
    expect(page.body).toMatchObject({ skip: 1, limit: 3 })

    const defaults = await project.owner.request('GET', documents)
    expect(defaults.body.documents).toHaveLength(12)
    expect(defaults.body).toMatchObject({ skip: 0, limit: 50, maxTimeMS: 15000 })
    expect(defaults.body.exactCount).toBeUndefined()

    const capped = await project.owner.request('GET', `${documents}?maxTimeMS=3600000`)
    expect(capped.body.maxTimeMS).toBe(60000)
  })

  it('gets, updates and deletes by ObjectId, string, number and compound ids', async () => {
    const objectId = new ObjectId()
    await raw.db(db).collection<AnyIdDocument>('ids').insertMany([
      { _id: objectId, kind: 'oid', n: 1 },
      { _id: 'alpha beta/γ', kind: 'string', n: 1 },
      { _id: 7, kind: 'number', n: 1 },
      { _id: { region: 'eu', seq: 3 }, kind: 'compound', n: 1 },
    ])
    const cases: Array<[string, unknown]> = [
      ['oid', { $oid: objectId.toHexString() }],
      ['string', 'alpha beta/γ'],
      ['number', 7],
      ['compound', { region: 'eu', seq: 3 }],
    ]
    for (const [kind, id] of cases) {
      const path = `${collectionPath('ids')}/documents/${idSegment(id)}`
      const read = await project.owner.request('GET', path)
      expect(read.status, kind).toBe(200)
      expect(read.body, kind).toMatchObject({ kind, n: 1 })

      const updated = await project.owner.request('PUT', path, { update: { $inc: { n: 2 }, $set: { touched: true } } })
      expect(updated.status, kind).toBe(200)
      expect(updated.body, kind).toMatchObject({ kind, n: 3, touched: true })

      const replaced = await project.owner.request('PUT', path, { replacement: { kind, replaced: { $numberLong: '5' } } })
      expect(replaced.status, kind).toBe(200)
      // An Int64 stays an Int64 in the default output too, whatever its size.
      expect(replaced.body, kind).toEqual({ _id: read.body._id, kind, replaced: { $numberLong: '5' } })

      const deleted = await project.owner.request('DELETE', path)
      expect(deleted.status, kind).toBe(200)
      expect(deleted.body).toEqual({ deletedCount: 1 })
      const gone = await project.owner.request('GET', path)
      expect(gone.status, kind).toBe(404)
      expect(errorOf(gone).code).toBe('DOCUMENT_NOT_FOUND')
    }
    expect(await raw.db(db).collection('ids').countDocuments()).toBe(0)
  })

  it('refuses a replacement that would change the _id', async () => {
    await raw.db(db).collection<AnyIdDocument>('ids').insertOne({ _id: 'keep', v: 1 })
    const path = `${collectionPath('ids')}/documents/${idSegment('keep')}`
    const changed = await project.owner.request('PUT', path, { replacement: { _id: 'other', v: 2 } })
    expect(changed.status).toBe(400)
    expect(errorOf(changed).code).toBe('IMMUTABLE_ID')
    const bare = await project.owner.request('PUT', path, { update: { v: 2 } })
    expect(bare.status).toBe(400)
    expect(errorOf(bare).code).toBe('INVALID_UPDATE')
    expect(await raw.db(db).collection('ids').find({}).toArray()).toEqual([{ _id: 'keep', v: 1 }])
  })

  it('inserts many, then bulk-updates and bulk-deletes by filter with counts', async () => {
    const documents = `${collectionPath('bulk')}/documents`
    const inserted = await project.owner.request('POST', documents, {
      documents: Array.from({ length: 10 }, (_, index) => ({ _id: index, group: index < 6 ? 'a' : 'b', done: false })),
    })
    expect(inserted.status).toBe(201)
    expect(inserted.body.insertedCount).toBe(10)
    expect(inserted.body.insertedIds).toEqual(Array.from({ length: 10 }, (_, index) => index))

    const updated = await project.owner.request('PATCH', documents, { filter: { group: 'a' }, update: { $set: { done: true } } })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ matchedCount: 6, modifiedCount: 6, upsertedCount: 0, upsertedId: null })
    expect(await raw.db(db).collection('bulk').countDocuments({ done: true })).toBe(6)

    const deleted = await project.owner.request('DELETE', `${documents}?filter=${encodeURIComponent(JSON.stringify({ done: true, _id: { $gte: 2 } }))}`)
    expect(deleted.status).toBe(200)
    expect(deleted.body).toEqual({ deletedCount: 4 })
    expect(await raw.db(db).collection('bulk').countDocuments()).toBe(6)

    const noFilter = await project.owner.request('DELETE', documents)
    expect(noFilter.status).toBe(400)
    expect(await raw.db(db).collection('bulk').countDocuments()).toBe(6)
  })

  it('ends a query that runs past maxTimeMS on the server and answers 504 QUERY_TIMEOUT', async () => {
    await raw
      .db(db)
      .collection('slow')
      .insertMany(Array.from({ length: 3000 }, (_, index) => ({ index, text: `row ${index} `.padEnd(200, 'x') })))
    // An unanchored regular expression that matches nothing must scan all 3,000 documents: far more
    // than the 1 ms allowed.
    const filter = JSON.stringify({ text: { $regex: 'no-such-text$' } })
    const page = await project.owner.request('GET', `${collectionPath('slow')}/documents?${new URLSearchParams({ filter, maxTimeMS: '1' })}`)
    expect(page.status).toBe(504)
    expect(errorOf(page).code).toBe('QUERY_TIMEOUT')
    const aggregate = await project.owner.request('POST', `${collectionPath('slow')}/aggregate`, {
      pipeline: [{ $match: { text: { $regex: 'no-such-text$' } } }],
      maxTimeMS: 1,
    })
    expect(aggregate.status).toBe(504)
    expect(errorOf(aggregate).code).toBe('QUERY_TIMEOUT')
  })

  it('lets a read_only member read documents but not change them', async () => {
    const reader = await project.member('read_only')
    expect((await reader.request('GET', `${collectionPath('bulk')}/documents`)).status).toBe(200)
    expect((await reader.request('GET', `${collectionPath('bulk')}/documents/0`)).status).toBe(200)
    expect((await reader.request('POST', `${collectionPath('bulk')}/documents`, { document: { x: 1 } })).status).toBe(403)
    expect((await reader.request('PUT', `${collectionPath('bulk')}/documents/0`, { update: { $set: { x: 1 } } })).status).toBe(403)
    expect((await reader.request('DELETE', `${collectionPath('bulk')}/documents/0`)).status).toBe(403)
    expect((await reader.request('PATCH', `${collectionPath('bulk')}/documents`, { filter: {}, update: { $set: { x: 1 } } })).status).toBe(403)
    expect((await reader.request('DELETE', `${collectionPath('bulk')}/documents?filter={}`)).status).toBe(403)
    expect(await raw.db(db).collection('bulk').countDocuments({ x: 1 })).toBe(0)
    expect(await raw.db(db).collection('bulk').countDocuments()).toBe(6)
  })
})
