import { Binary, BSON, BSONRegExp, Double, Int32, Long, ObjectId, Timestamp, type Document, type Filter, type MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { dropMongoTestDatabases, idSegment, mongoTestDatabase, rawMongoClient, type AnyIdDocument } from '../helpers/mongodb'

let project: TestProject
let raw: MongoClient
const db = mongoTestDatabase('exact')
const coll = 'every_type'
const documentsPath = () => `/api/platform/mongodb/${project.ref}/databases/${db}/collections/${coll}/documents`

/**
 * Every BSON type the test server (FerretDB 1.24) stores, written by the driver. Left out because
 * FerretDB cannot store them: Decimal128, NaN and MinKey/MaxKey (the server drops the connection),
 * ±Infinity (refused), arrays directly inside arrays (refused). -0 is written but FerretDB stores it as +0. The serializer's handling of all
 * of these is covered by tests/unit/mongodb-ejson.test.ts.
 */
const fixture: AnyIdDocument = {
  _id: new ObjectId('65a1b2c3d4e5f60718293a4b'),
  double: new Double(3.25),
  integralDouble: new Double(1),
  negativeZero: new Double(-0),
  hugeDouble: new Double(1e20),
  tinyDouble: new Double(5e-324),
  int: new Int32(42),
  negativeInt: new Int32(-2147483648),
  smallLong: Long.fromNumber(5),
  negativeLong: Long.fromNumber(-7),
  bigLong: Long.fromString('9007199254740993'),
  maxLong: Long.MAX_VALUE,
  timestamp: new Timestamp({ t: 1700000000, i: 7 }),
  date: new Date(1700000000123),
  beforeEpoch: new Date(-86400001),
  objectId: new ObjectId('65a1b2c3d4e5f60718293a4c'),
  text: 'héllo "wörld" \u{1F600}',
  empty: '',
  yes: true,
  no: false,
  nothing: null,
  binary: new Binary(Buffer.from([0, 1, 2, 255]), 0),
  uuid: new Binary(Buffer.from('123456789012345678901234567890ab', 'hex'), 4),
  userBinary: new Binary(Buffer.from('custom'), 0x80),
  regex: new BSONRegExp('^ab.c$', 'imsx'),
  nested: {
    list: [new Int32(1), new Double(2), Long.fromNumber(3), 'four', null, { inArray: [new Double(0.5), new Timestamp({ t: 1, i: 2 })] }],
    inner: { when: new Date(0), count: Long.fromNumber(0), ratio: new Double(-1) },
  },
  emptyArray: [],
  emptyObject: {},
}

/** The stored document as the driver decodes it with every type kept, and its raw bytes. */
async function storedDocument(id: unknown) {
  const collection = raw.db(db).collection(coll)
  const byId = { _id: id } as Filter<Document>
  const decoded = await collection.findOne(byId, { promoteValues: false, promoteLongs: false, bsonRegExp: true })
  const bytes = (await collection.findOne(byId, { raw: true })) as unknown as Uint8Array
  return { serialized: Buffer.from(BSON.serialize(decoded ?? {})), bytes: Buffer.from(bytes) }
}

beforeAll(async () => {
  project = await createProject()
  await addConnection(project, 'mongodb')
  raw = await rawMongoClient()
  await raw.db(db).collection<AnyIdDocument>(coll).insertOne(fixture)
})

afterAll(async () => {
  await dropMongoTestDatabases(raw, [db])
  await raw.close()
})

describe('MongoDB default (readable) output is lossless', () => {
  it('shows numbers readably only where that round-trips and keeps every other type explicit', async () => {
    const response = await project.owner.request('GET', `${documentsPath()}/${idSegment({ $oid: '65a1b2c3d4e5f60718293a4b' })}`)
    expect(response.status).toBe(200)
    const document = response.body
    expect(document.double).toBe(3.25)
    expect(document.int).toBe(42)
    expect(document.text).toBe(fixture.text)
    expect(document.date).toEqual({ $date: '2023-11-14T22:13:20.123Z' })
    expect(document.integralDouble).toEqual({ $numberDouble: '1.0' })
    expect(document.smallLong).toEqual({ $numberLong: '5' })
    expect(document.bigLong).toEqual({ $numberLong: '9007199254740993' })
    expect(document.timestamp).toEqual({ $timestamp: { t: 1700000000, i: 7 } })
    expect(document.regex).toEqual({ $regularExpression: { pattern: '^ab.c$', options: 'imsx' } })
    expect(document.nested.list.slice(0, 3)).toEqual([1, { $numberDouble: '2.0' }, { $numberLong: '3' }])
  })

  it('GET then PUT of the document, unchanged, leaves the stored BSON byte-identical', async () => {
    const before = await storedDocument(fixture._id)
    for (const source of ['by id', 'list'] as const) {
      const read =
        source === 'by id'
          ? (await project.owner.request('GET', `${documentsPath()}/${idSegment({ $oid: '65a1b2c3d4e5f60718293a4b' })}`)).body
          : (await project.owner.request('GET', documentsPath())).body.documents[0]
      const written = await project.owner.request('PUT', `${documentsPath()}/${idSegment(read._id)}`, { replacement: read })
      expect(written.status).toBe(200)
      // The PUT answers the document as stored afterwards, in the same readable form.
      expect(written.body).toEqual(read)
      const after = await storedDocument(fixture._id)
      expect(after.serialized.equals(before.serialized)).toBe(true)
      expect(after.bytes.equals(before.bytes)).toBe(true)
    }
  })

  it('canonical output round-trips the same way', async () => {
    const before = await storedDocument(fixture._id)
    const path = `${documentsPath()}/${idSegment({ $oid: '65a1b2c3d4e5f60718293a4b' })}?format=canonical`
    const read = (await project.owner.request('GET', path)).body
    expect((await project.owner.request('PUT', path, { replacement: read })).status).toBe(200)
    expect((await storedDocument(fixture._id)).bytes.equals(before.bytes)).toBe(true)
  })
})
