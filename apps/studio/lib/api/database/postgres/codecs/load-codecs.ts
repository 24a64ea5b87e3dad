import type { Client } from 'pg'

import { codecOfBaseType, TEXT_CODEC, type ColumnCodec } from './value-codecs'

/**
 * Each type's chain down to a scalar: a domain steps to its base type, an array to its element
 * (only a true array: its element names it as its array type, unlike int2vector or point).
 */
const TYPE_CHAINS_SQL = /* sql */ `
WITH RECURSIVE chain(start, oid, depth, via_array) AS (
  SELECT o, o, 0, false FROM unnest($1::oid[]) AS o
  UNION ALL
  SELECT c.start,
    CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.typelem END,
    c.depth + 1,
    t.typtype <> 'd'
  FROM chain c
  JOIN pg_catalog.pg_type t ON t.oid = c.oid
  WHERE c.depth < 32 AND (
    t.typtype = 'd'
    OR (t.typelem <> 0 AND EXISTS (SELECT 1 FROM pg_catalog.pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid))
  )
)
SELECT c.start::int8 AS start, c.oid::int8 AS oid, c.depth, c.via_array, t.typdelim::text AS delimiter
FROM chain c JOIN pg_catalog.pg_type t ON t.oid = c.oid
ORDER BY c.start, c.depth`

interface ChainRow {
  start: string
  oid: string
  depth: number
  via_array: boolean
  delimiter: string
}

/** The codec of each type oid (domains and arrays resolved); unknown oids get the text codec. */
export async function loadCodecs(client: Client, oids: number[]): Promise<Map<number, ColumnCodec>> {
  const codecs = new Map<number, ColumnCodec>()
  const unique = [...new Set(oids)]
  if (!unique.length) return codecs
  const result = await client.query<ChainRow>(TYPE_CHAINS_SQL, [unique])
  const chains = new Map<number, ChainRow[]>()
  for (const row of result.rows) {
    const start = Number(row.start)
    chains.set(start, [...(chains.get(start) ?? []), row])
  }
  for (const oid of unique) {
    const chain = chains.get(oid)
    const last = chain?.[chain.length - 1]
    const arraySteps = chain?.filter((step) => step.via_array).length ?? 0
    // An array whose element is itself an array (a domain over an array) has no single element codec.
    if (!last || arraySteps > 1) codecs.set(oid, TEXT_CODEC)
    else codecs.set(oid, { codec: codecOfBaseType(Number(last.oid)), array: arraySteps === 1, delimiter: last.delimiter })
  }
  return codecs
}
