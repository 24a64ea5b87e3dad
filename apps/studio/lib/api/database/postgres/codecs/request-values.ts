import type { IncomingMessage } from 'node:http'

import { parseJsonKeepingRaw, RawJson } from '@multibase/api-contracts'

import { requestBodyText } from '../../../request-body'
import type { RawValues } from '../row-crud'

const isColumnValue = (path: ReadonlyArray<string | number>) => path.length === 2 && path[0] === 'values'

/**
 * The body's `values`, each as its exact JSON text. The route's zod schema has already checked the
 * body's shape on the ordinary parse; this second read of the same text only keeps every value's
 * digits and keys as sent (JSON.parse would round 9007199254740993 and merge duplicate keys).
 */
export function rawRowValues(req: IncomingMessage): RawValues {
  const text = requestBodyText(req)
  const body = text === undefined ? undefined : (parseJsonKeepingRaw(text, isColumnValue) as { values?: Record<string, unknown> })
  const values = body?.values ?? {}
  const raw: RawValues = {}
  for (const [name, value] of Object.entries(values)) {
    // A body given already parsed (no text) keeps the old reading: its values as JSON text.
    raw[name] = value instanceof RawJson ? value : new RawJson(JSON.stringify(value))
  }
  return raw
}
