import type { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf, type ApiResponse } from '../helpers/api'
import { addConnection, createProject, type TestProject, type TestUser } from '../helpers/fixtures'
import { dropMongoTestDatabases, idSegment, mongoTestDatabase, rawMongoClient, type AnyIdDocument } from '../helpers/mongodb'

let project: TestProject
let reader: TestUser
let raw: MongoClient
const db = mongoTestDatabase('safe')
const collectionPath = (coll = 'things') => `/api/platform/mongodb/${project.ref}/databases/${db}/collections/${coll}`
const documentsPath = () => `${collectionPath()}/documents`
const seed = [
  { _id: 1, name: 'one', secret: false },
  { _id: 2, name: 'two', secret: true },
]

beforeAll(async () => {
  project = await createProject()
  await addConnection(project, 'mongodb')
  reader = await project.member('read_only')
  raw = await rawMongoClient()
  await raw.db(db).collection<AnyIdDocument>('things').insertMany(seed)
})

afterAll(async () => {
  await dropMongoTestDatabases(raw, [db])
  await raw.close()
})

function expectError(response: ApiResponse, status: number, code: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status)
  expect(errorOf(response).code).toBe(code)
}

const query = (params: Record<string, string>) => `?${new URLSearchParams(params)}`

async function expectNothingWritten() {
  expect(await raw.db(db).collection('things').find({}).sort({ _id: 1 }).toArray()).toEqual(seed)
  expect((await raw.db(db).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).toEqual(['things'])
}

describe('MongoDB input safety', () => {
  it('answers malformed EJSON with 400 INVALID_EJSON', async () => {
    expectError(await project.owner.request('GET', `${documentsPath()}${query({ filter: '{"name": ' })}`), 400, 'INVALID_EJSON')
    expectError(await project.owner.request('GET', `${documentsPath()}${query({ filter: '{"_id": {"$oid": "not-hex"}}' })}`), 400, 'INVALID_EJSON')
    expectError(await project.owner.request('GET', `${documentsPath()}${query({ sort: '[1, 2]' })}`), 400, 'INVALID_EJSON')
    expectError(await project.owner.request('GET', `${documentsPath()}/${encodeURIComponent('{oops')}`), 400, 'INVALID_EJSON')
    expectError(
      await project.owner.request('POST', documentsPath(), { document: { when: { $date: 'yesterday-ish' } } }),
      400,
      'INVALID_EJSON'
    )
    expectError(
      await project.owner.request('PATCH', documentsPath(), { filter: { _id: { $numberLong: 'x' } }, update: { $set: { name: 'x' } } }),
      400,
      'INVALID_EJSON'
    )
    await expectNothingWritten()
  })

  it('refuses an operator where an id value is expected', async () => {
    for (const id of [{ $ne: null }, { $gt: 0 }, { a: { $exists: true } }, { $regularExpression: { pattern: '.', options: '' } }]) {
      const path = `${documentsPath()}/${idSegment(id)}`
      expectError(await project.owner.request('GET', path), 400, 'INVALID_DOCUMENT_ID')
      expectError(await project.owner.request('PUT', path, { update: { $set: { name: 'hacked' } } }), 400, 'INVALID_DOCUMENT_ID')
      expectError(await project.owner.request('DELETE', path), 400, 'INVALID_DOCUMENT_ID')
    }
    await expectNothingWritten()
  })

  it('refuses $where nested in $and, $or and $expr, and JavaScript code values', async () => {
    const filters = [
      { $where: 'this.secret' },
      { $and: [{ name: 'one' }, { $where: 'this.secret' }] },
      { $or: [{ $and: [{ $where: 'sleep(100) || true' }] }] },
      { $expr: { $and: [{ $eq: ['$name', 'one'] }, { $where: 'true' }] } },
      { name: { $elemMatch: { $where: 'true' } } },
      { $expr: { $function: { body: 'function() { return true }', args: [], lang: 'js' } } },
      { code: { $code: 'function() { return 1 }' } },
    ]
    for (const filter of filters) {
      const text = JSON.stringify(filter)
      expectError(await project.owner.request('GET', `${documentsPath()}${query({ filter: text })}`), 400, 'OPERATOR_NOT_ALLOWED')
      expectError(await project.owner.request('DELETE', `${documentsPath()}${query({ filter: text })}`), 400, 'OPERATOR_NOT_ALLOWED')
      expectError(await project.owner.request('PATCH', documentsPath(), { filter, update: { $set: { name: 'x' } } }), 400, 'OPERATOR_NOT_ALLOWED')
    }
    const projection = JSON.stringify({ computed: { $function: { body: 'function() { return 1 }', args: [], lang: 'js' } } })
    expectError(await project.owner.request('GET', `${documentsPath()}${query({ projection })}`), 400, 'OPERATOR_NOT_ALLOWED')
    const update = [{ $set: { name: { $function: { body: 'function() { return "x" }', args: [], lang: 'js' } } } }]
    expectError(await project.owner.request('PUT', `${documentsPath()}/1`, { update }), 400, 'OPERATOR_NOT_ALLOWED')
    const refused = await project.owner.request('GET', `${documentsPath()}${query({ filter: JSON.stringify(filters[1]) })}`)
    expect(errorOf(refused).details).toMatchObject({ operator: '$where', path: 'filter.$and[1].$where' })
    await expectNothingWritten()
  })

  it('refuses $function and $accumulator anywhere in a pipeline', async () => {
    const pipelines = [
      [{ $match: { $expr: { $function: { body: 'function() { return true }', args: [], lang: 'js' } } } }],
      [{ $project: { x: { $function: { body: 'function() { return 1 }', args: [], lang: 'js' } } } }],
      [
        {
          $group: {
            _id: null,
            total: { $accumulator: { init: 'function() { return 0 }', accumulate: 'function(s) { return s }', accumulateArgs: [], merge: 'function(a) { return a }', lang: 'js' } },
          },
        },
      ],
      [{ $lookup: { from: 'things', as: 'x', pipeline: [{ $match: { $where: 'true' } }] } }],
      [{ $facet: { a: [{ $match: { $expr: { $function: { body: 'function() {}', args: [], lang: 'js' } } } }] } }],
    ]
    for (const pipeline of pipelines) {
      expectError(await project.owner.request('POST', `${collectionPath()}/aggregate`, { pipeline }), 400, 'OPERATOR_NOT_ALLOWED')
      expectError(await project.owner.request('POST', `${collectionPath()}/aggregate`, { pipeline, preview: {} }), 400, 'OPERATOR_NOT_ALLOWED')
    }
    await expectNothingWritten()
  })

  it('refuses $out and $merge from a read_only member', async () => {
    for (const pipeline of [[{ $match: {} }, { $out: 'stolen' }], [{ $merge: { into: 'stolen' } }]]) {
      const response = await reader.request('POST', `${collectionPath()}/aggregate`, { pipeline })
      expectError(response, 403, 'FORBIDDEN')
    }
    await expectNothingWritten()
  })

  it('answers an unknown database or collection with 404 and creates nothing', async () => {
    const otherDb = `/api/platform/mongodb/${project.ref}/databases/mbtest_mongo_missing_db/collections/things`
    expectError(await project.owner.request('GET', `${otherDb}/documents`), 404, 'COLLECTION_NOT_FOUND')
    expectError(await project.owner.request('GET', `${collectionPath('missing')}/documents`), 404, 'COLLECTION_NOT_FOUND')
    expectError(await project.owner.request('GET', `${collectionPath('missing')}/documents/1`), 404, 'COLLECTION_NOT_FOUND')
    expectError(await project.owner.request('POST', `${collectionPath('missing')}/documents`, { document: { a: 1 } }), 404, 'COLLECTION_NOT_FOUND')
    expectError(
      await project.owner.request('PATCH', `${collectionPath('missing')}/documents`, { filter: {}, update: { $set: { a: 1 } }, upsert: true }),
      404,
      'COLLECTION_NOT_FOUND'
    )
    expectError(await project.owner.request('POST', `${collectionPath('missing')}/aggregate`, { pipeline: [] }), 404, 'COLLECTION_NOT_FOUND')
    expectError(await project.owner.request('GET', `${collectionPath('missing')}/indexes`), 404, 'COLLECTION_NOT_FOUND')
    expectError(await project.owner.request('POST', `${collectionPath('missing')}/indexes`, { key: { a: 1 } }), 404, 'COLLECTION_NOT_FOUND')
    expectError(await project.owner.request('GET', `/api/platform/mongodb/${project.ref}/databases/mbtest_mongo_missing_db/stats`), 404, 'DATABASE_NOT_FOUND')
    expectError(await project.owner.request('GET', `${documentsPath()}/99`), 404, 'DOCUMENT_NOT_FOUND')
    const databases = await project.owner.request('GET', `/api/platform/mongodb/${project.ref}/databases`)
    expect(databases.body.map((database: { name: string }) => database.name)).not.toContain('mbtest_mongo_missing_db')
    await expectNothingWritten()
  })

  it('refuses a limit over the cap and other out-of-range options', async () => {
    const over = await project.owner.request('GET', `${documentsPath()}${query({ limit: '1001' })}`)
    expectError(over, 400, 'VALIDATION_ERROR')
    expect(errorOf(over).message).toContain('limit')
    expectError(await project.owner.request('GET', `${documentsPath()}${query({ skip: '-1' })}`), 400, 'VALIDATION_ERROR')
    expectError(await project.owner.request('GET', `${documentsPath()}${query({ maxTimeMS: '0' })}`), 400, 'VALIDATION_ERROR')
    const tooMany = Array.from({ length: 1001 }, (_, index) => ({ _id: 100 + index }))
    expectError(await project.owner.request('POST', documentsPath(), { documents: tooMany }), 400, 'VALIDATION_ERROR')
    expectError(
      await project.owner.request('POST', `${collectionPath()}/aggregate`, { pipeline: [{ $match: {}, $sort: { _id: 1 } }] }),
      400,
      'INVALID_EJSON'
    )
    await expectNothingWritten()
  })
})
