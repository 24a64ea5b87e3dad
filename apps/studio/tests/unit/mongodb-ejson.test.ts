import { deserializeEjson, parseEjson, serializeEjson, toReadableEjson } from '@multibase/api-contracts'
import { Binary, BSON, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson'
import { describe, expect, it } from 'vitest'

/** A document as the driver returns it with `promoteValues: false`: every number in its wrapper. */
const stored = {
  _id: new ObjectId('65a1b2c3d4e5f60718293a4b'),
  int: new Int32(42),
  negativeInt: new Int32(-7),
  double: new Double(3.25),
  integralDouble: new Double(1),
  negativeZero: new Double(-0),
  nan: new Double(Number.NaN),
  infinity: new Double(Number.POSITIVE_INFINITY),
  minusInfinity: new Double(Number.NEGATIVE_INFINITY),
  hugeDouble: new Double(1e20),
  smallLong: Long.fromNumber(5),
  bigLong: Long.fromString('9007199254740993'),
  timestamp: new Timestamp({ t: 1700000000, i: 7 }),
  date: new Date(1700000000123),
  oldDate: new Date(-5),
  binary: new Binary(Buffer.from([0, 1, 2]), 0),
  regex: new BSONRegExp('^ab', 'i'),
  decimal: Decimal128.fromString('1.10'),
  min: new MinKey(),
  max: new MaxKey(),
  text: 'héllo',
  flag: true,
  nothing: null,
  nested: { list: [new Int32(1), new Double(2), 'three', { deep: Long.fromNumber(-5) }] },
}

describe('readable EJSON output', () => {
  it('keeps readable what round-trips and wraps what relaxed EJSON would change', () => {
    const out = toReadableEjson(stored) as Record<string, unknown>
    expect(out.int).toBe(42)
    expect(out.negativeInt).toBe(-7)
    expect(out.double).toBe(3.25)
    expect(out.text).toBe('héllo')
    expect(out._id).toEqual({ $oid: '65a1b2c3d4e5f60718293a4b' })
    expect(out.date).toEqual({ $date: '2023-11-14T22:13:20.123Z' })
    expect(out.integralDouble).toEqual({ $numberDouble: '1.0' })
    expect(out.negativeZero).toEqual({ $numberDouble: '-0.0' })
    expect(out.nan).toEqual({ $numberDouble: 'NaN' })
    expect(out.infinity).toEqual({ $numberDouble: 'Infinity' })
    expect(out.minusInfinity).toEqual({ $numberDouble: '-Infinity' })
    expect(out.smallLong).toEqual({ $numberLong: '5' })
    expect(out.bigLong).toEqual({ $numberLong: '9007199254740993' })
    // Timestamp extends Long in bson; it must not come out as an Int64.
    expect(out.timestamp).toEqual({ $timestamp: { t: 1700000000, i: 7 } })
    expect(out.nested).toEqual({ list: [1, { $numberDouble: '2.0' }, 'three', { deep: { $numberLong: '-5' } }] })
  })

  it('parses back (as JSON text and as a parsed body) to byte-identical BSON', () => {
    const text = JSON.stringify(serializeEjson(stored, 'relaxed'))
    const fromText = parseEjson(text, 'document') as Record<string, unknown>
    const fromBody = deserializeEjson(JSON.parse(text), 'document') as Record<string, unknown>
    const original = Buffer.from(BSON.serialize(stored))
    expect(Buffer.from(BSON.serialize(fromText)).equals(original)).toBe(true)
    expect(Buffer.from(BSON.serialize(fromBody)).equals(original)).toBe(true)
  })

  it('keeps a field named __proto__ as a field', () => {
    const document = BSON.deserialize(BSON.serialize({ ['__proto__']: new Int32(1), plain: 'x' }), { promoteValues: false })
    const out = toReadableEjson(document) as Record<string, unknown>
    expect(Object.keys(out)).toEqual(['__proto__', 'plain'])
    expect(JSON.stringify(out)).toBe('{"__proto__":1,"plain":"x"}')
  })

  it('canonical output is unchanged', () => {
    expect(serializeEjson({ n: new Int32(1), l: Long.fromNumber(2) }, 'canonical')).toEqual({ n: { $numberInt: '1' }, l: { $numberLong: '2' } })
  })
})
