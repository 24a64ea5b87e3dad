import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf } from '../helpers/api'
import { startCountingListener, startFakeSeed, type FakeSeed } from '../helpers/fake-mongo-seed'
import { createProject, type TestProject } from '../helpers/fixtures'
import { mongodbEndpoint } from '../helpers/services'

// The main test Studio allows 127.0.0.1, localhost and ::1 only, so 127.0.0.2 — loopback and reachable
// on Linux — stands in for an internal address a replica set must not lead the Studio to.
const REFUSED_HOST = '127.0.0.2'
const discovery = { directConnection: false, replicaSet: 'rs0' }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let project: TestProject
let refused: Awaited<ReturnType<typeof startCountingListener>>
let seed: FakeSeed
const base = () => `/api/platform/mongodb/${project.ref}/connections`

beforeAll(async () => {
  project = await createProject()
  refused = await startCountingListener(REFUSED_HOST)
  seed = await startFakeSeed({ host: '127.0.0.1', setName: 'rs0', initial: { selfPrimary: false, others: [`${REFUSED_HOST}:${refused.port}`] } })
})
afterAll(async () => {
  await seed.close()
  await refused.close()
})

describe('replica-set discovery passes the host guard (platform mode)', () => {
  it('refuses a member announced by an allowed seed, names it, and never dials it', async () => {
    const created = await project.owner.request('POST', base(), {
      identifier: 'announces-internal-member',
      host: '127.0.0.1',
      port: seed.port,
      options: discovery,
    })
    expect(created.status).toBe(201)

    const tested = await project.owner.request('POST', `${base()}/${created.body.id}/test`)
    expect(tested.status).toBe(400)
    const error = errorOf(tested)
    expect(error.code).toBe('HOST_NOT_ALLOWED')
    expect(error.details).toEqual({ host: `${REFUSED_HOST}:${refused.port}` })
    expect(error.message).toContain(`${REFUSED_HOST}:${refused.port}`)

    const listed = await project.owner.request('GET', `/api/platform/mongodb/${project.ref}/databases?connectionId=${created.body.id}`)
    expect(listed.status).toBe(400)
    expect(errorOf(listed).details).toEqual({ host: `${REFUSED_HOST}:${refused.port}` })

    const row = await project.owner.request('GET', `${base()}/${created.body.id}`)
    expect(row.body.status).toBe('error')

    // Monitors dial on their own schedule; give them time to try before counting.
    await sleep(3000)
    expect(seed.accepted()).toBeGreaterThan(0)
    expect(refused.accepted()).toBe(0)
  })

  it('refuses the same address typed directly as the seed, naming it', async () => {
    const response = await project.owner.request('POST', base(), {
      identifier: 'internal-seed',
      host: REFUSED_HOST,
      port: refused.port,
      options: discovery,
    })
    expect(response.status).toBe(400)
    expect(errorOf(response)).toMatchObject({ code: 'HOST_NOT_ALLOWED', details: { host: REFUSED_HOST } })
    expect(refused.accepted()).toBe(0)
  })

  it('closes the client when a refused member is announced later, and never dials it', async () => {
    const later = await startCountingListener(REFUSED_HOST)
    const reconfigured = await startFakeSeed({ host: '127.0.0.1', setName: 'rs0', initial: { selfPrimary: true, others: [] } })
    try {
      const created = await project.owner.request('POST', base(), {
        identifier: 'reconfigured-set',
        host: '127.0.0.1',
        port: reconfigured.port,
        options: discovery,
      })
      const first = await project.owner.request('POST', `${base()}/${created.body.id}/test`)
      expect(first.status).toBe(200)

      reconfigured.announce({ selfPrimary: true, others: [`${REFUSED_HOST}:${later.port}`] })
      // The driver re-checks the seed every heartbeat (10 s by default) and only then learns of the
      // new member; poll until the pooled client has been shut down by the gate's refusal.
      let answer = await project.owner.request('POST', `${base()}/${created.body.id}/test`)
      for (let attempt = 0; attempt < 30 && answer.status === 200; attempt++) {
        await sleep(1000)
        answer = await project.owner.request('POST', `${base()}/${created.body.id}/test`)
      }
      expect(answer.status).toBe(400)
      expect(errorOf(answer)).toMatchObject({ code: 'HOST_NOT_ALLOWED', details: { host: `${REFUSED_HOST}:${later.port}` } })
      await sleep(2000)
      expect(later.accepted()).toBe(0)
    } finally {
      await reconfigured.close()
      await later.close()
    }
  })

  it('still reaches an allowed server with discovery on (through the gate)', async () => {
    const endpoint = mongodbEndpoint()
    const created = await project.owner.request('POST', base(), {
      identifier: 'ferret-discovery',
      host: endpoint.host,
      port: endpoint.port,
      options: { directConnection: false },
    })
    expect(created.status).toBe(201)
    const tested = await project.owner.request('POST', `${base()}/${created.body.id}/test`)
    expect(tested.status).toBe(200)
    expect(tested.body.ok).toBe(true)
  })

  it('the fake seed really leads an unguarded driver to the refused address (the test is not vacuous)', async () => {
    const control = await startCountingListener(REFUSED_HOST)
    const controlSeed = await startFakeSeed({ host: '127.0.0.1', setName: 'rs0', initial: { selfPrimary: false, others: [`${REFUSED_HOST}:${control.port}`] } })
    const driver = new MongoClient(`mongodb://127.0.0.1:${controlSeed.port}/`, { ...discovery, serverSelectionTimeoutMS: 1500 })
    try {
      await driver.connect().catch(() => undefined)
      expect(control.accepted()).toBeGreaterThan(0)
    } finally {
      await driver.close(true)
      await controlSeed.close()
      await control.close()
    }
  })
})
