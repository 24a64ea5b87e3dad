import type { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { dropMongoTestDatabases, mongoTestDatabase, rawMongoClient, type AnyIdDocument } from '../helpers/mongodb'

let project: TestProject
let raw: MongoClient
const db = mongoTestDatabase('agg')
const aggregatePath = () => `/api/platform/mongodb/${project.ref}/databases/${db}/collections/orders/aggregate`

const orders = [
  { _id: 1, customer: 'ada', status: 'paid', items: ['pen', 'ink'], total: 30 },
  { _id: 2, customer: 'bob', status: 'paid', items: ['pad'], total: 12 },
  { _id: 3, customer: 'ada', status: 'open', items: ['pen'], total: 10 },
  { _id: 4, customer: 'cy', status: 'paid', items: ['ink', 'pad', 'pen'], total: 45 },
  { _id: 5, customer: 'bob', status: 'paid', items: [], total: 0 },
]

beforeAll(async () => {
  project = await createProject()
  await addConnection(project, 'mongodb')
  raw = await rawMongoClient()
  await raw.db(db).collection<AnyIdDocument>('orders').insertMany(orders)
})

afterAll(async () => {
  await dropMongoTestDatabases(raw, [db])
  await raw.close()
})

describe('MongoDB aggregation', () => {
  it('runs $match, $group and $sort', async () => {
    const response = await project.owner.request('POST', aggregatePath(), {
      pipeline: [
        { $match: { status: 'paid' } },
        { $group: { _id: '$customer', spent: { $sum: '$total' } } },
        { $sort: { spent: -1 } },
      ],
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      documents: [
        { _id: 'cy', spent: 45 },
        { _id: 'ada', spent: 30 },
        { _id: 'bob', spent: 12 },
      ],
      truncated: false,
      maxTimeMS: 15000,
    })
    // One accumulator per $group: FerretDB 1.x computes only the first of several.
    const counted = await project.owner.request('POST', aggregatePath(), {
      pipeline: [{ $group: { _id: '$status', orders: { $sum: 1 } } }, { $sort: { _id: 1 } }],
    })
    expect(counted.body.documents).toEqual([
      { _id: 'open', orders: 1 },
      { _id: 'paid', orders: 4 },
    ])
  })

  it('runs $unwind, $project and $count, with EJSON values in the pipeline', async () => {
    const unwound = await project.owner.request('POST', aggregatePath(), {
      pipeline: [
        { $match: { _id: { $in: [{ $numberInt: '1' }, { $numberLong: '4' }] } } },
        { $unwind: '$items' },
        { $project: { items: 1 } },
        { $sort: { _id: 1, items: 1 } },
      ],
    })
    expect(unwound.status).toBe(200)
    expect(unwound.body.documents).toEqual([
      { _id: 1, items: 'ink' },
      { _id: 1, items: 'pen' },
      { _id: 4, items: 'ink' },
      { _id: 4, items: 'pad' },
      { _id: 4, items: 'pen' },
    ])
    const projected = await project.owner.request('POST', aggregatePath(), {
      pipeline: [{ $match: { customer: 'bob' } }, { $project: { _id: 0, customer: 1, total: 1 } }, { $sort: { total: 1 } }],
    })
    expect(projected.body.documents).toEqual([
      { customer: 'bob', total: 0 },
      { customer: 'bob', total: 12 },
    ])

    const counted = await project.owner.request('POST', aggregatePath(), {
      pipeline: [{ $unwind: '$items' }, { $count: 'items' }],
      format: 'canonical',
    })
    expect(counted.body.documents).toEqual([{ items: { $numberInt: '7' } }])
  })

  it('caps the result and says it was truncated', async () => {
    const response = await project.owner.request('POST', aggregatePath(), { pipeline: [{ $sort: { _id: 1 } }], limit: 2 })
    expect(response.status).toBe(200)
    expect(response.body.documents.map((document: { _id: number }) => document._id)).toEqual([1, 2])
    expect(response.body.truncated).toBe(true)
    const over = await project.owner.request('POST', aggregatePath(), { pipeline: [], limit: 5000 })
    expect(over.status).toBe(400)
  })

  it('previews the first documents after each stage', async () => {
    const response = await project.owner.request('POST', aggregatePath(), {
      pipeline: [
        { $match: { status: 'paid' } },
        { $sort: { total: -1 } },
        { $unwind: '$items' },
        { $project: { _id: 1, items: 1 } },
        { $count: 'n' },
      ],
      preview: { limit: 2 },
    })
    expect(response.status).toBe(200)
    // FerretDB 1.x drops the other fields in $unwind's output, so that stage is checked on _id and items.
    expect(response.body.stages).toMatchObject([
      { index: 0, operator: '$match', documents: [orders[0], orders[1]] },
      { index: 1, operator: '$sort', documents: [orders[3], orders[0]] },
      {
        index: 2,
        operator: '$unwind',
        documents: [
          { _id: 4, items: 'ink' },
          { _id: 4, items: 'pad' },
        ],
      },
      {
        index: 3,
        operator: '$project',
        documents: [
          { _id: 4, items: 'ink' },
          { _id: 4, items: 'pad' },
        ],
      },
      { index: 4, operator: '$count', documents: [{ n: 6 }] },
    ])
    expect(response.body.stages[0].documents).toEqual([orders[0], orders[1]])
    expect(response.body.stages[1].documents).toEqual([orders[3], orders[0]])
  })

  it('lets a read_only member aggregate', async () => {
    const reader = await project.member('read_only')
    const response = await reader.request('POST', aggregatePath(), { pipeline: [{ $count: 'n' }] })
    expect(response.status).toBe(200)
    expect(response.body.documents).toEqual([{ n: 5 }])
  })
})
