import type { CustomTypesConfig } from 'pg'

const keepText = (value: string) => value

/**
 * Result values stay Postgres' text, whatever the type: the column's codec (value-codecs.ts) turns
 * that text into JSON, so no value passes through node-postgres' parsers (doubles, Dates, Buffers).
 */
export const textValueTypes: CustomTypesConfig = {
  getTypeParser: (() => keepText) as unknown as CustomTypesConfig['getTypeParser'],
}
