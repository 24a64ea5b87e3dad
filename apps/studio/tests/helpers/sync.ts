import { Client } from 'pg'
import { expect } from 'vitest'

import type { TestUser } from './fixtures'

/** A small schema with what a copy must keep: FKs (inserted out of name order), enums, identity, jsonb, arrays. */
export const SYNC_SCHEMA_SQL = `
  CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
  CREATE TABLE authors (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, mood mood, tags text[], moods mood[]);
  CREATE TABLE posts (id serial PRIMARY KEY, author_id bigint REFERENCES authors (id), body jsonb, scores int[], created timestamptz, price numeric(14, 4));
  CREATE TABLE comments (post_id int REFERENCES posts (id), n int, note text, PRIMARY KEY (post_id, n));
`

/** Rows in every table, with NULLs, unicode, nested jsonb and values beyond double precision. */
export async function seedSyncSource(client: Client, authors: number, posts: number): Promise<void> {
  await client.query(
    `INSERT INTO authors (name, mood, tags, moods)
     SELECT 'author ' || g || ' ✓', (ARRAY['sad','ok','happy'])[1 + g % 3]::mood, ARRAY['t' || g, NULL, 'ü'],
            CASE WHEN g % 5 = 0 THEN NULL ELSE ARRAY['happy', 'sad']::mood[] END
       FROM generate_series(1, $1) g`,
    [authors]
  )
  await client.query(
    `INSERT INTO posts (author_id, body, scores, created, price)
     SELECT 1 + g % $2, jsonb_build_object('n', g, 'nested', jsonb_build_object('big', 12345678901234567890, 'arr', jsonb_build_array(g, 'x', NULL))),
            ARRAY[g, -g], timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute', g * 1.0001
       FROM generate_series(1, $1) g`,
    [posts, authors]
  )
  await client.query(`INSERT INTO comments SELECT 1 + g % $1, g, CASE WHEN g % 7 = 0 THEN NULL ELSE 'c' || g END FROM generate_series(1, $1) g`, [posts])
}

/** count(*) and md5 of every row's text in primary-key order: equal between two databases means equal data. */
export async function tableDigest(client: Client, table: string, orderBy: string): Promise<{ count: number; md5: string }> {
  const { rows } = await client.query(
    `SELECT count(*)::int AS count, md5(coalesce(string_agg(t::text, '|' ORDER BY ${orderBy}), '')) AS md5 FROM ${table} t`
  )
  return rows[0]
}

export const SYNC_TABLES: Array<[string, string]> = [
  ['authors', 'id'],
  ['posts', 'id'],
  ['comments', 'post_id, n'],
]

export async function expectSameTables(source: Client, target: Client): Promise<void> {
  for (const [table, orderBy] of SYNC_TABLES) {
    const [expected, actual] = [await tableDigest(source, table, orderBy), await tableDigest(target, table, orderBy)]
    expect({ table, ...actual }).toEqual({ table, ...expected })
  }
  // Sequences continue where the source's stand (serial and identity).
  for (const sequence of ['authors_id_seq', 'posts_id_seq']) {
    const query = `SELECT last_value::text, is_called FROM ${sequence}`
    expect((await target.query(query)).rows[0]).toEqual((await source.query(query)).rows[0])
  }
}

/** Polls a sync job until `until` holds (or fails the test after a minute). */
export async function waitForSync(user: TestUser, path: string, until: (job: any) => boolean, timeoutMs = 90_000): Promise<any> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const response = await user.request('GET', path)
    expect(response.status).toBe(200)
    if (until(response.body)) return response.body
    if (['failed'].includes(response.body.state)) throw new Error(`sync failed: ${response.body.error}`)
    if (Date.now() > deadline) throw new Error(`sync never reached the expected state: ${JSON.stringify(response.body)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export interface SseEvent {
  id: string
  type: string
  data: any
}

/**
 * Reads a sync job's SSE stream with fetch until `until` says stop; returns the events in order.
 * `lastEventId` resumes as a reconnecting EventSource would.
 */
export async function readSyncStream(
  url: string,
  token: string,
  until: (events: SseEvent[]) => boolean,
  lastEventId?: string
): Promise<{ events: SseEvent[]; comments: string[] }> {
  const controller = new AbortController()
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' }
  if (lastEventId) headers['last-event-id'] = lastEventId
  const response = await fetch(url, { headers, signal: controller.signal })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('text/event-stream')
  const events: SseEvent[] = []
  const comments: string[] = []
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const deadline = Date.now() + 90_000
  try {
    while (!until(events)) {
      if (Date.now() > deadline) throw new Error(`stream: condition never met after ${events.length} events`)
      const { value, done } = await reader.read()
      if (done) break
      buffer += decoder.decode(value, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const fields: Record<string, string> = {}
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) comments.push(line.slice(1).trim())
          else {
            const colon = line.indexOf(':')
            fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart()
          }
        }
        if (fields.id && fields.data) events.push({ id: fields.id, type: fields.event, data: JSON.parse(fields.data) })
      }
    }
  } finally {
    controller.abort()
  }
  return { events, comments }
}
