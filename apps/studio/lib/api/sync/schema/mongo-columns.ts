/**
 * MongoDB → Postgres with documentMapping 'columns': one column per top-level field, typed from a
 * sample of documents read without value promotion (so an Int64 is seen as Int64, not a number).
 * The mapping is exact where Postgres has an exact type and jsonb for everything else:
 * Int64 → bigint, Decimal128 → numeric, Date → timestamptz, ObjectId → text, the rest jsonb.
 * A field seen with two BSON types (nulls aside) is jsonb too.
 */
export interface InferredColumn {
  name: string
  type: string
  bsonTypes: string[]
  nullable: boolean
}

const EXACT_TYPES: Record<string, string> = { Int64: 'bigint', Decimal128: 'numeric', Date: 'timestamptz', ObjectId: 'text' }

const BSONTYPE_NAMES: Record<string, string> = { Long: 'Int64', Int32: 'Int32', Double: 'Double' }

export function bsonTypeOf(value: unknown): string {
  if (value === null) return 'Null'
  if (value === undefined) return 'Undefined'
  if (value instanceof Date) return 'Date'
  if (Array.isArray(value)) return 'Array'
  if (typeof value === 'string') return 'String'
  if (typeof value === 'boolean') return 'Boolean'
  if (typeof value === 'number') return Number.isInteger(value) ? 'Int32' : 'Double'
  if (typeof value === 'bigint') return 'Int64'
  if (typeof value === 'object') {
    const tag = (value as { _bsontype?: string })._bsontype
    if (tag) return BSONTYPE_NAMES[tag] ?? tag
    return 'Object'
  }
  return typeof value
}

export function postgresTypeForBson(bsonTypes: readonly string[]): string {
  const concrete = bsonTypes.filter((type) => type !== 'Null' && type !== 'Undefined')
  if (concrete.length !== 1) return 'jsonb'
  return EXACT_TYPES[concrete[0]] ?? 'jsonb'
}

export function inferDocumentColumns(documents: ReadonlyArray<Record<string, unknown>>): InferredColumn[] {
  const seen = new Map<string, { types: Set<string>; count: number }>()
  for (const document of documents) {
    for (const [name, value] of Object.entries(document)) {
      const entry = seen.get(name) ?? { types: new Set<string>(), count: 0 }
      entry.types.add(bsonTypeOf(value))
      entry.count += 1
      seen.set(name, entry)
    }
  }
  // _id first (the primary key), the other fields in the order they were first seen.
  const names = [...seen.keys()].sort((a, b) => Number(b === '_id') - Number(a === '_id'))
  return names.map((name) => {
    const entry = seen.get(name)!
    const bsonTypes = [...entry.types].sort()
    return {
      name,
      type: postgresTypeForBson(bsonTypes),
      bsonTypes,
      nullable: name !== '_id' && (entry.count < documents.length || entry.types.has('Null')),
    }
  })
}

/** The two columns of documentMapping 'jsonb': the id as text and the whole document. */
export const JSONB_MAPPING_COLUMNS: InferredColumn[] = [
  { name: '_id', type: 'text', bsonTypes: [], nullable: false },
  { name: 'doc', type: 'jsonb', bsonTypes: [], nullable: false },
]
