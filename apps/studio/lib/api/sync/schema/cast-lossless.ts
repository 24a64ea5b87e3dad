/**
 * Whether copying a value of one Postgres column type into another keeps every value exactly.
 * Types are `format_type()` spellings (`integer`, `numeric(10,2)`, `character varying(20)`, `text[]`).
 * Anything this table cannot prove lossless counts as lossy: a sync must not silently round,
 * truncate or reinterpret a user's data.
 */
export type CastVerdict = 'same' | 'lossless' | 'lossy'

interface ParsedType {
  base: string
  /** Length (varchar/char/bit), precision (numeric, timestamp), or undefined for "unbounded". */
  args: number[]
}

const ALIASES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  varchar: 'character varying',
  char: 'character',
  bpchar: 'character',
  decimal: 'numeric',
  timestamptz: 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  timetz: 'time with time zone',
  time: 'time without time zone',
}

export function parseType(spelling: string): ParsedType {
  const text = spelling.trim().toLowerCase()
  // timestamp(3) with time zone → base "timestamp with time zone", args [3]
  const match = /^([a-z_ ."]+?)\s*(?:\(([\d,\s]+)\))?\s*(with time zone|without time zone)?$/.exec(text)
  if (!match) return { base: text, args: [] }
  let base = match[1].trim()
  if (match[3]) base = `${base} ${match[3]}`
  base = ALIASES[base] ?? base
  const args = match[2] ? match[2].split(',').map((part) => Number(part.trim())) : []
  return { base, args }
}

const INTEGER_DIGITS: Record<string, number> = { smallint: 5, integer: 10, bigint: 19 }
const INTEGER_RANK: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 }
/** Integers a float type holds exactly: real has a 24-bit mantissa, double 53 bits. */
const FLOAT_EXACT_INTEGERS: Record<string, string[]> = { real: ['smallint'], 'double precision': ['smallint', 'integer'] }
const STRING_TYPES = new Set(['text', 'character varying', 'character'])

function numericLossless(from: ParsedType, to: ParsedType): boolean {
  if (to.args.length === 0) return true
  const [toPrecision, toScale = 0] = to.args
  if (from.base === 'numeric') {
    if (from.args.length === 0) return false
    const [fromPrecision, fromScale = 0] = from.args
    return toScale >= fromScale && toPrecision - toScale >= fromPrecision - fromScale
  }
  const digits = INTEGER_DIGITS[from.base]
  return digits !== undefined && toPrecision - toScale >= digits
}

function stringLossless(from: ParsedType, to: ParsedType): boolean {
  if (to.base === 'text' || (to.base === 'character varying' && to.args.length === 0)) return true
  const toLength = to.args[0]
  const fromLength = from.base === 'text' || from.args.length === 0 ? Infinity : from.args[0]
  // char(n) pads with blanks: into varchar(m) they are kept, into char(m>n) the padding grows.
  if (to.base === 'character' && from.base !== 'character') return false
  return fromLength <= toLength
}

/** Fractional-second precision: absent means 6. */
const precisionOf = (type: ParsedType) => type.args[0] ?? 6

function scalarVerdict(from: ParsedType, to: ParsedType): CastVerdict {
  if (from.base === to.base && from.args.join(',') === to.args.join(',')) return 'same'
  if (to.base === 'text') return 'lossless'
  if (INTEGER_RANK[from.base] && INTEGER_RANK[to.base]) return INTEGER_RANK[from.base] <= INTEGER_RANK[to.base] ? 'lossless' : 'lossy'
  if (to.base === 'numeric' && (from.base === 'numeric' || INTEGER_DIGITS[from.base])) return numericLossless(from, to) ? 'lossless' : 'lossy'
  if (FLOAT_EXACT_INTEGERS[to.base]?.includes(from.base)) return 'lossless'
  if (from.base === 'real' && to.base === 'double precision') return 'lossless'
  if (STRING_TYPES.has(from.base) && STRING_TYPES.has(to.base)) return stringLossless(from, to) ? 'lossless' : 'lossy'
  if (from.base === 'jsonb' && to.base === 'json') return 'lossless'
  // json → jsonb drops duplicate keys, key order and whitespace: not what was written.
  if (from.base === 'timestamp without time zone' && to.base === 'timestamp with time zone') {
    return precisionOf(from) <= precisionOf(to) ? 'lossless' : 'lossy'
  }
  if (from.base === to.base && (from.base.startsWith('timestamp') || from.base.startsWith('time ') || from.base === 'interval')) {
    return precisionOf(from) <= precisionOf(to) ? 'lossless' : 'lossy'
  }
  if (from.base === 'date' && to.base.startsWith('timestamp')) return 'lossless'
  if (from.base === 'character varying' && from.args.length === 0 && to.base === 'text') return 'lossless'
  return 'lossy'
}

export function castVerdict(sourceType: string, targetType: string): CastVerdict {
  const sourceArray = sourceType.endsWith('[]')
  const targetArray = targetType.endsWith('[]')
  if (sourceArray !== targetArray) return targetType === 'text' ? 'lossless' : 'lossy'
  const strip = (type: string) => (type.endsWith('[]') ? type.slice(0, -2) : type)
  return scalarVerdict(parseType(strip(sourceType)), parseType(strip(targetType)))
}
