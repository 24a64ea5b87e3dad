/**
 * MongoDB API vs the raw driver on the same server, measured in the same run (goal: API ≤ 1.2×):
 *   1. a 50-document page with the estimated count
 *   2. listing the collections of a database holding 500 and then 5,000 collections (the cost as
 *      work grows); BENCH_COLLECTION_POINTS=500,5000,20000 adds 20,000 — an option because FerretDB
 *      creates collections slowly (one Postgres table each; tens of minutes for 20,000 here)
 * Each measurement: 5 rounds, API and driver alternating call by call; the ratio of medians per
 * round, then median (min–max). Run after `pnpm exec next build` in apps/studio:
 *   bash scripts/bench/run.sh mongodb
 * It starts its own Studio (platform mode, a fresh platform database on the test Postgres) and uses
 * the databases `mbtest_mongo_bench` (the empty collections) and `mbtest_mongo_bench_page`
 * (BENCH_PAGE_DOCUMENTS documents, default 1,000) on the MongoDB-wire server, dropped at the end (KEEP_BENCH_DATA=1 keeps them for reruns).
 */
import { randomBytes, randomUUID } from 'node:crypto'

import { MongoClient } from 'mongodb'

import { adminQuery, MONGODB_URL, mongodbEndpoint, postgresUrlFor } from '../../apps/studio/tests/helpers/services'
import { TEST_JWT_SECRET, mintToken } from '../../apps/studio/tests/helpers/tokens'
import { startStudio } from '../../apps/studio/tests/setup/studio-process'

// Two databases: FerretDB slows every operation of a database that holds thousands of collections
// (an estimated count takes seconds there), which would measure FerretDB, not the API.
const LIST_DB = 'mbtest_mongo_bench'
const PAGE_DB = 'mbtest_mongo_bench_page'
// FerretDB 1.x answers an "estimated" count by counting (about 0.25 ms per document here), so the
// default page collection is kept small enough for a run to finish; raise it on a real MongoDB.
const PAGE_DOCUMENTS = Number(process.env.BENCH_PAGE_DOCUMENTS ?? 1_000)
const COLLECTION_POINTS = (process.env.BENCH_COLLECTION_POINTS ?? '500,5000').split(',').map(Number)
const ROUNDS = 5
const PAGE_ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20)
const LIST_ITERATIONS = Number(process.env.BENCH_LIST_ITERATIONS ?? 5)


function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const spread = (values: number[], format: (value: number) => string) => {
  const sorted = [...values].sort((a, b) => a - b)
  return `${format(median(sorted))} (${format(sorted[0])}–${format(sorted[sorted.length - 1])})`
}

/**
 * Alternates API and driver calls so drift on the shared machine hits both sides equally; ROUNDS
 * rounds of `iterations` pairs, the ratio of medians per round. Returns the median ratio.
 */
async function compare(name: string, iterations: number, api: () => Promise<void>, driver: () => Promise<void>) {
  for (let i = 0; i < Math.min(5, iterations); i++) {
    await api()
    await driver()
  }
  const apiMedians: number[] = []
  const driverMedians: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const apiTimes: number[] = []
    const driverTimes: number[] = []
    for (let i = 0; i < iterations; i++) {
      let started = performance.now()
      await api()
      apiTimes.push(performance.now() - started)
      started = performance.now()
      await driver()
      driverTimes.push(performance.now() - started)
    }
    apiMedians.push(median(apiTimes))
    driverMedians.push(median(driverTimes))
  }
  const ratios = apiMedians.map((value, round) => value / driverMedians[round])
  const ms = (value: number) => `${value.toFixed(2)} ms`
  console.log(
    `${name}: API ${spread(apiMedians, ms)}, driver ${spread(driverMedians, ms)}, ` +
      `ratio ${spread(ratios, (value) => value.toFixed(2) + '×')} (goal ≤ 1.2×, ${ROUNDS}×${iterations} pairs) ${median(ratios) <= 1.2 ? 'MET' : 'MISSED'}`
  )
  return median(ratios)
}

async function seedPage(mongo: MongoClient) {
  const pageDb = mongo.db(PAGE_DB)
  if ((await pageDb.collection('page').estimatedDocumentCount()) !== PAGE_DOCUMENTS) {
    await pageDb.dropDatabase()
    const documents = Array.from({ length: PAGE_DOCUMENTS }, (_, index) => ({
      n: index,
      name: `customer-${index}`,
      email: `customer-${index}@example.com`,
      active: index % 3 !== 0,
      score: (index * 7919) % 1000,
      created: new Date(Date.UTC(2024, 0, 1) + index * 60_000),
      tags: ['a', 'b', String(index % 10)],
      address: { city: `city-${index % 50}`, zip: String(10000 + (index % 9000)) },
    }))
    for (let i = 0; i < documents.length; i += 1000) await pageDb.collection('page').insertMany(documents.slice(i, i + 1000))
  }
}

/** Grows the listing database to exactly `count` collections named c_00000…, c_NNNNN. */
async function growCollections(mongo: MongoClient, count: number) {
  const db = mongo.db(LIST_DB)
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name))
  for (const name of existing) if (!/^c_\d{5}$/.test(name) || Number(name.slice(2)) >= count) await db.collection(name).drop()
  const missing: string[] = []
  for (let i = 0; i < count; i++) {
    const name = `c_${String(i).padStart(5, '0')}`
    if (!existing.has(name)) missing.push(name)
  }
  const started = performance.now()
  for (let i = 0; i < missing.length; i += 16) {
    await Promise.all(missing.slice(i, i + 16).map((name) => db.createCollection(name)))
  }
  if (missing.length) console.log(`created ${missing.length} collections in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

/**
 * FerretDB drops a database in one Postgres transaction, which runs out of lock slots with 5,000
 * tables; dropping the collections a few at a time first keeps each transaction small.
 */
async function dropBenchData(mongo: MongoClient) {
  const db = mongo.db(LIST_DB)
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)
  for (let i = 0; i < names.length; i += 8) await Promise.all(names.slice(i, i + 8).map((name) => db.collection(name).drop()))
  await db.dropDatabase()
  await mongo.db(PAGE_DB).dropDatabase()
}

async function main() {
  const mongo = new MongoClient(MONGODB_URL, { directConnection: true, maxPoolSize: 4 })
  await mongo.connect()
  const platformDb = `multibase_bench_mongo_${randomUUID().replace(/-/g, '').slice(0, 10)}`
  await adminQuery(`CREATE DATABASE ${platformDb}`)
  const studio = await startStudio({
    NEXT_PUBLIC_IS_PLATFORM: 'true',
    DATABASE_URL: postgresUrlFor(platformDb),
    GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
  })
  try {
    console.log('seeding…')
    await seedPage(mongo)

    const token = await mintToken({ sub: randomUUID() })
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${studio.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      })
      const parsed = await response.json()
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(parsed)}`)
      return parsed
    }
    const slug = `bench-${randomUUID().slice(0, 8)}`
    const org = await call('POST', '/api/platform/organizations', { name: slug, slug })
    const ref = `b-${randomUUID().replace(/-/g, '').slice(0, 12)}`
    await call('POST', '/api/platform/projects', { organizationId: org.id, name: ref, ref })
    const endpoint = mongodbEndpoint()
    await call('POST', `/api/platform/mongodb/${ref}/connections`, { identifier: 'bench', host: endpoint.host, port: endpoint.port })

    const collection = mongo.db(PAGE_DB).collection('page')
    const pagePath = `/api/platform/mongodb/${ref}/databases/${PAGE_DB}/collections/page/documents?limit=50&skip=100`
    const page = await call('GET', pagePath)
    if (page.documents.length !== 50 || page.estimatedCount !== PAGE_DOCUMENTS) throw new Error('unexpected page')
    const pageRatio = await compare(
      '50-document page + estimated count',
      PAGE_ITERATIONS,
      async () => {
        await call('GET', pagePath)
      },
      async () => {
        await Promise.all([collection.find({}, { skip: 100, limit: 50 }).toArray(), collection.estimatedDocumentCount()])
      }
    )

    const listPath = `/api/platform/mongodb/${ref}/databases/${LIST_DB}/collections`
    const listRatios: string[] = []
    for (const point of COLLECTION_POINTS) {
      await growCollections(mongo, point)
      const listed = await call('GET', listPath)
      if (listed.length !== point) throw new Error(`expected ${point} collections, got ${listed.length}`)
      const ratio = await compare(
        `listing ${point} collections`,
        LIST_ITERATIONS,
        async () => {
          await call('GET', listPath)
        },
        async () => {
          await mongo.db(LIST_DB).listCollections({}, { nameOnly: true }).toArray()
        }
      )
      listRatios.push(`${point}: ${ratio.toFixed(2)}×`)
    }
    console.log(`ratios: page ${pageRatio.toFixed(2)}×, collections ${listRatios.join(', ')}`)
  } finally {
    await studio.stop()
    await adminQuery(`DROP DATABASE IF EXISTS ${platformDb} WITH (FORCE)`)
    if (process.env.KEEP_BENCH_DATA !== '1') await dropBenchData(mongo)
    await mongo.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
