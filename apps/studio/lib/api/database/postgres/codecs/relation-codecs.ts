import type { PgValueColumn } from '@multibase/api-contracts'
import type { Client } from 'pg'

import type { RelationTarget } from '../relation-target'
import { loadCodecs } from './load-codecs'
import { describeCodec, rowsJsonText, type CodedField } from './rows-json'
import { TEXT_CODEC, type ColumnCodec } from './value-codecs'

export interface RelationCodecs {
  /** Codec of each column, by name. */
  byName: Map<string, ColumnCodec>
  /** The response's `columns`: name, type and codec of each column in table order. */
  columns: PgValueColumn[]
  /** Rows of `SELECT *` (arrays of text in column order) as JSON text. */
  rowsJson(rows: Array<Array<string | null>>): string
}

/** The value codecs of a table's or view's columns. */
export async function loadRelationCodecs(client: Client, target: RelationTarget): Promise<RelationCodecs> {
  const codecs = await loadCodecs(client, target.columns.map((column) => column.type_id))
  const fields: CodedField[] = target.columns.map((column) => ({ name: column.name, codec: codecs.get(column.type_id) ?? TEXT_CODEC }))
  return {
    byName: new Map(fields.map((field) => [field.name, field.codec])),
    columns: target.columns.map((column, index) => ({ name: column.name, type: column.type, ...describeCodec(fields[index].codec) })),
    rowsJson: (rows) => rowsJsonText(fields, rows),
  }
}
