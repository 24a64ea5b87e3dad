import type { PgColumnCodec } from '@multibase/api-contracts'

import { jsonFromText, TEXT_CODEC, type ColumnCodec } from './value-codecs'

export interface CodedField {
  name: string
  codec: ColumnCodec
}

/**
 * Rows (as arrays of Postgres text, in field order) as the JSON text of an array of objects keyed
 * by field name. Of two fields with the same name the last one's value is kept, at the first one's
 * place — what JSON.parse of the driver's rows used to give.
 */
export function rowsJsonText(fields: CodedField[], rows: Array<Array<string | null>>): string {
  const lastIndex = new Map<string, number>()
  fields.forEach((field, index) => lastIndex.set(field.name, index))
  const order = [...new Set(fields.map((field) => field.name))].map((name) => ({
    key: `${JSON.stringify(name)}:`,
    index: lastIndex.get(name) as number,
  }))
  const codecs = fields.map((field) => field.codec ?? TEXT_CODEC)
  const objects = rows.map((row) => `{${order.map(({ key, index }) => key + jsonFromText(row[index] ?? null, codecs[index])).join(',')}}`)
  return `[${objects.join(',')}]`
}

/** How a client reads a field's values: the codec and whether values are (nested) arrays of it. */
export function describeCodec(codec: ColumnCodec): PgColumnCodec {
  return { codec: codec.codec, array: codec.array }
}

/**
 * A JSON object's text with pre-serialized fields first (`rows` spliced in as text), then the rest
 * serialized normally.
 */
export function objectJsonText(spliced: Record<string, string>, rest: Record<string, unknown>): string {
  const head = Object.entries(spliced).map(([key, text]) => `${JSON.stringify(key)}:${text}`)
  const tail = JSON.stringify(rest).slice(1, -1)
  return `{${[...head, ...(tail ? [tail] : [])].join(',')}}`
}
