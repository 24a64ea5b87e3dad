import { randomUUID } from 'node:crypto'

import { PUBSUB_CLOSE_CODES, PUBSUB_PROTOCOL } from '@multibase/api-contracts'
import Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf } from '../helpers/api'
import { addConnection, createProject, type TestProject, type TestUser } from '../helpers/fixtures'
import { attemptRefusedUpgrade, openViewer, subscribePath, tokenProtocol, waitUntil, type PubSubViewer } from '../helpers/pubsub'
import { ownRedisServer, type OwnRedisServer } from '../helpers/redis-server'
import { REDIS_URL } from '../helpers/services'
import { mintToken } from '../helpers/tokens'

/** Pub/sub channels are server-wide, so every channel of this file carries a random prefix. */
const id = `ps-${randomUUID().slice(0, 8)}`
const REDIS_DB = 6

let project: TestProject
let readOnly: TestUser
let publisher: Redis
const viewers: PubSubViewer[] = []

async function viewer(user: TestUser = project.owner, query = ''): Promise<PubSubViewer> {
  const opened = await openViewer(project.ref, user.token, query)
  viewers.push(opened)
  return opened
}

async function numsub(channel: string): Promise<number> {
  const reply = (await publisher.pubsub('NUMSUB', channel)) as Array<string | number>
  return Number(reply[1])
}

/**
 * Publishes `count` messages per channel in pipelined chunks of 1000; each payload starts with its
 * sequence number on its channel. `afterChunk` runs after each chunk (flow control for a reader).
 */
async function publishMany(channels: string[], count: number, payloadBytes: number, afterChunk?: (published: number) => Promise<void>): Promise<void> {
  const padding = 'x'.repeat(Math.max(0, payloadBytes - 20))
  let published = 0
  for (let start = 0; start < count; start += 1000) {
    const pipeline = publisher.pipeline()
    for (const channel of channels) {
      for (let index = start; index < Math.min(count, start + 1000); index++) pipeline.publish(channel, `${index}:${padding}`)
    }
    await pipeline.exec()
    published += channels.length * (Math.min(count, start + 1000) - start)
    await afterChunk?.(published)
  }
}

const sequence = (message: string) => Number(message.slice(0, message.indexOf(':')))

beforeAll(async () => {
  project = await createProject()
  readOnly = await project.member('read_only')
  await addConnection(project, 'redis', { options: { db: REDIS_DB } })
  publisher = new Redis(REDIS_URL, { db: REDIS_DB })
})

afterAll(async () => {
  await Promise.all(viewers.map((open) => open.close()))
  publisher.disconnect()
})

describe('GET pubsub/channels and POST pubsub/publish', () => {
  it('lists active channels with subscriber counts and publishes (write permission)', async () => {
    const listener = new Redis(REDIS_URL)
    const received: string[] = []
    listener.on('message', (_channel, message) => received.push(message))
    await listener.subscribe(`${id}:list:a`, `${id}:list:b`)
    try {
      const listed = await readOnly.request('GET', `/api/platform/redis/${project.ref}/pubsub/channels?pattern=${encodeURIComponent(`${id}:list:*`)}`)
      expect(listed.status).toBe(200)
      expect(listed.body.channels).toEqual([
        { name: `${id}:list:a`, subscribers: 1 },
        { name: `${id}:list:b`, subscribers: 1 },
      ])
      expect(listed.body.truncated).toBe(false)
      expect(typeof listed.body.patternSubscriptions).toBe('number')

      const published = await project.owner.request('POST', `/api/platform/redis/${project.ref}/pubsub/publish`, { channel: `${id}:list:a`, message: 'hello' })
      expect(published.status).toBe(200)
      expect(published.body).toEqual({ receivers: 1 })
      const binary = await project.owner.request('POST', `/api/platform/redis/${project.ref}/pubsub/publish`, {
        channel: `${id}:list:b`,
        message: Buffer.from('bin').toString('base64'),
        encoding: 'base64',
      })
      expect(binary.body).toEqual({ receivers: 1 })
      await waitUntil(() => received.length === 2, 'the published messages')
      expect(received).toEqual(['hello', 'bin'])

      const refused = await readOnly.request('POST', `/api/platform/redis/${project.ref}/pubsub/publish`, { channel: `${id}:list:a`, message: 'no' })
      expect(refused.status).toBe(403)
      expect(errorOf(refused).code).toBe('FORBIDDEN')
      const invalid = await project.owner.request('POST', `/api/platform/redis/${project.ref}/pubsub/publish`, { channel: '', message: 'x' })
      expect(invalid.status).toBe(400)
      expect(received).toHaveLength(2)
    } finally {
      listener.disconnect()
    }
  })
})

describe('WebSocket pubsub/subscribe', () => {
  it('never answers 101 without a valid token, the protocol, a member role or an allowed Origin', async () => {
    const path = subscribePath(project.ref)
    const outsider = await mintToken()
    const cases: Array<{ protocols: string[]; headers?: Record<string, string>; path?: string; status: number; code: RegExp }> = [
      { protocols: [PUBSUB_PROTOCOL], status: 401, code: /UNAUTHORIZED/ },
      { protocols: [PUBSUB_PROTOCOL, tokenProtocol('not-a-jwt')], status: 401, code: /INVALID_TOKEN/ },
      { protocols: [PUBSUB_PROTOCOL, tokenProtocol(await mintToken({ expiresInSeconds: -3600 }))], status: 401, code: /TOKEN_EXPIRED/ },
      { protocols: [PUBSUB_PROTOCOL], path: `${path}?access_token=${project.owner.token}`, status: 401, code: /UNAUTHORIZED/ },
      { protocols: [tokenProtocol(project.owner.token)], status: 400, code: /PROTOCOL_REQUIRED/ },
      { protocols: [PUBSUB_PROTOCOL, tokenProtocol(outsider)], status: 404, code: /PROJECT_NOT_FOUND/ },
      { protocols: [PUBSUB_PROTOCOL, tokenProtocol(project.owner.token)], path: subscribePath('p-does-not-exist'), status: 404, code: /PROJECT_NOT_FOUND/ },
      { protocols: [PUBSUB_PROTOCOL, tokenProtocol(project.owner.token)], headers: { origin: 'https://evil.example' }, status: 403, code: /ORIGIN_NOT_ALLOWED/ },
      { protocols: [PUBSUB_PROTOCOL, tokenProtocol(project.owner.token)], path: `${path}?maxQueueBytes=1`, status: 400, code: /VALIDATION_ERROR/ },
    ]
    for (const attempt of cases) {
      const result = await attemptRefusedUpgrade(attempt.path ?? path, attempt.protocols, attempt.headers)
      expect(result.upgraded, JSON.stringify(attempt)).toBe(false)
      expect(result.status, JSON.stringify(result.body)).toBe(attempt.status)
      expect(result.body.error.code).toMatch(attempt.code)
      expect(typeof result.body.error.requestId).toBe('string')
    }
  })

  it('shares one Redis subscription between viewers and releases it with the last one', async () => {
    const channel = `${id}:shared`
    const first = await viewer()
    const second = await viewer(readOnly)
    expect(first.ws.protocol).toBe(PUBSUB_PROTOCOL)
    expect(await first.request({ type: 'subscribe', channels: [channel], patterns: [] })).toEqual({ type: 'subscribed', channels: [channel], patterns: [] })
    expect(await second.request({ type: 'subscribe', channels: [channel], patterns: [] })).toMatchObject({ type: 'subscribed' })
    expect(await numsub(channel)).toBe(1)

    await publisher.publish(channel, 'to both')
    await waitUntil(() => first.deliveries.length === 1 && second.deliveries.length === 1, 'both viewers')
    expect(second.deliveries[0]).toEqual({ channel, message: 'to both' })

    await first.request({ type: 'unsubscribe', channels: [channel], patterns: [] })
    expect(await numsub(channel)).toBe(1)
    await second.close()
    await publisher.publish(channel, 'nobody')
    for (let attempt = 0; attempt < 100 && (await numsub(channel)) !== 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await numsub(channel)).toBe(0)
    expect(first.deliveries).toHaveLength(1)

    const bad = first.notices.length
    first.ws.send('not json')
    expect(await first.waitForNotice('error', bad)).toMatchObject({ code: 'INVALID_MESSAGE' })
    first.send({ type: 'ping' })
    await first.waitForNotice('pong')
  })

  it('delivers everything to a fast viewer while a paused one drops its oldest and is told how many', async () => {
    const channel = `${id}:firehose`
    const patternChannel = `${id}:pat:one`
    const pattern = `${id}:pat:*`
    const fast = await viewer()
    const slow = await viewer(readOnly, 'maxQueueMessages=200&maxQueueBytes=65536')
    for (const open of [fast, slow]) {
      expect(await open.request({ type: 'subscribe', channels: [channel], patterns: [pattern] })).toEqual({
        type: 'subscribed',
        channels: [channel],
        patterns: [pattern],
      })
    }
    slow.pause()
    // The fast viewer is let to catch up after every chunk, so whatever the load of the machine it is
    // never behind; the paused one falls behind by all of it.
    const COUNT = 12_000
    const total = 2 * COUNT
    await publishMany([channel, patternChannel], COUNT, 1024, (published) =>
      waitUntil(() => fast.deliveries.length === published, 'the fast viewer to catch up')
    )
    expect(fast.deliveries).toHaveLength(total)
    const onChannel = fast.deliveries.filter((delivery) => delivery.pattern === undefined)
    const onPattern = fast.deliveries.filter((delivery) => delivery.pattern === pattern)
    expect(onChannel.map((delivery) => sequence(delivery.message))).toEqual([...Array(COUNT).keys()])
    expect(onPattern.map((delivery) => sequence(delivery.message))).toEqual([...Array(COUNT).keys()])
    expect(onPattern.every((delivery) => delivery.channel === patternChannel)).toBe(true)
    expect(fast.dropped()).toBe(0)

    slow.resume()
    await waitUntil(() => slow.deliveries.length + slow.dropped() === total, 'the slow viewer to account for every message')
    expect(slow.dropped()).toBeGreaterThan(0)
    const notices = slow.notices.filter((notice) => notice.type === 'dropped')
    for (const notice of notices) {
      expect(notice.peakBufferedBytes).toBeLessThanOrEqual(notice.bufferCapBytes)
    }
    const mark = slow.notices.length
    slow.send({ type: 'stats' })
    const stats = await slow.waitForNotice('stats', mark)
    expect(stats.totalDropped).toBe(slow.dropped())
    expect(stats.peakBufferedBytes).toBeGreaterThan(0)
    expect(stats.peakBufferedBytes).toBeLessThanOrEqual(stats.bufferCapBytes)
    expect(stats.queuedMessages).toBe(0)
    // What it lost were the oldest: it still got the very last message published, and each stream in order.
    expect(slow.deliveries.at(-1)).toMatchObject({ channel: patternChannel, pattern })
    expect(sequence(slow.deliveries.at(-1)!.message)).toBe(COUNT - 1)
    for (const stream of [undefined, pattern]) {
      const sequences = slow.deliveries.filter((delivery) => delivery.pattern === stream).map((delivery) => sequence(delivery.message))
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b))
    }
    expect(slow.ws.readyState).toBe(slow.ws.OPEN)
  })

  it('closes a viewer that stays behind longer than its maxLagMs with 4008', async () => {
    const channel = `${id}:too-slow`
    const laggard = await viewer(project.owner, 'maxQueueMessages=10&maxLagMs=200')
    // A reader on the same channel shows when the gateway has handled a message: the gateway fans
    // each message out to every viewer at once, so no wall-clock guess is needed.
    const witness = await viewer(project.owner)
    await laggard.request({ type: 'subscribe', channels: [channel], patterns: [] })
    await witness.request({ type: 'subscribe', channels: [channel], patterns: [] })
    const handled = (marker: string) =>
      waitUntil(() => witness.deliveries.some((delivery) => delivery.message === marker), `the gateway to handle ${marker}`)
    laggard.pause()
    await publishMany([channel], 15_000, 1024)
    await publisher.publish(channel, 'flood-done')
    await handled('flood-done')
    // The laggard has been dropping since the flood; let its lag outlast maxLagMs, then one more message.
    await new Promise((resolve) => setTimeout(resolve, 400))
    await publisher.publish(channel, 'late')
    await handled('late')
    laggard.resume()
    const closed = await laggard.closed
    expect(closed.code).toBe(PUBSUB_CLOSE_CODES.tooSlow)
    expect(closed.reason).toMatch(/too slow: \d+ messages dropped/)
    await witness.close()
    for (let attempt = 0; attempt < 100 && (await numsub(channel)) !== 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await numsub(channel)).toBe(0)
  })

  it('closes a subscription when the token that opened it expires (4401)', async () => {
    const shortLived = await mintToken({ sub: project.owner.id, expiresInSeconds: 2 })
    const watcher = await openViewer(project.ref, shortLived)
    viewers.push(watcher)
    await watcher.request({ type: 'subscribe', channels: [`${id}:expiry`], patterns: [] })
    const closed = await watcher.closed
    expect(closed).toEqual({ code: PUBSUB_CLOSE_CODES.tokenExpired, reason: 'Access token expired' })
  })

  describe('when Redis restarts during a subscription', () => {
    let server: OwnRedisServer
    let own: TestProject

    beforeAll(async () => {
      server = await ownRedisServer()
      own = await createProject()
      await addConnection(own, 'redis', { host: '127.0.0.1', port: server.port })
    })

    afterAll(async () => {
      await server.stop()
    })

    it('resubscribes channels and patterns and tells the viewer there may be a gap', async () => {
      const watcher = await openViewer(own.ref, own.owner.token)
      viewers.push(watcher)
      await watcher.request({ type: 'subscribe', channels: [`${id}:restart`], patterns: [`${id}:restart-p:*`] })
      const direct = () => new Redis({ host: '127.0.0.1', port: server.port, maxRetriesPerRequest: 1 })
      let client = direct()
      await client.publish(`${id}:restart`, 'before')
      await waitUntil(() => watcher.deliveries.length === 1, 'the message before the restart')
      client.disconnect()

      const mark = watcher.notices.length
      await server.stop()
      await watcher.waitForNotice('connection', mark)
      await server.start()
      expect(await watcher.waitForNotice('resubscribed', mark)).toEqual({ type: 'resubscribed', gap: true })

      client = direct()
      try {
        await client.publish(`${id}:restart`, 'after')
        await client.publish(`${id}:restart-p:x`, 'after pattern')
        await waitUntil(() => watcher.deliveries.length === 3, 'the messages after the restart')
        expect(watcher.deliveries.map((delivery) => delivery.message)).toEqual(['before', 'after', 'after pattern'])
        expect(watcher.deliveries[2].pattern).toBe(`${id}:restart-p:*`)
      } finally {
        client.disconnect()
      }

      // A viewer joining while Redis is down is told so at once.
      const downMark = watcher.notices.length
      await server.stop()
      await watcher.waitForNotice('connection', downMark)
      const late = await openViewer(own.ref, own.owner.token)
      viewers.push(late)
      await late.waitForNotice('connection')
      expect(late.notices.map((notice) => notice.type)).toEqual(['ready', 'connection'])
      await server.start()
      await late.waitForNotice('resubscribed')

      // With no viewer left, the subscriber is gone; a new one cannot connect to a stopped Redis.
      await Promise.all([watcher.close(), late.close()])
      await server.stop()
      const refused = await attemptRefusedUpgrade(subscribePath(own.ref), [PUBSUB_PROTOCOL, tokenProtocol(own.owner.token)])
      expect(refused.upgraded).toBe(false)
      expect(refused.status).toBe(503)
      expect(refused.body.error.code).toBe('DATABASE_UNAVAILABLE')
    })
  })
})
