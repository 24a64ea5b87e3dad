import { parseJsonKeepingRaw, RawJson, stringifyJson } from '@multibase/api-contracts'
import { describe, expect, it } from 'vitest'

import { formatArrayLiteral, parseArrayLiteral } from '../../lib/api/database/postgres/codecs/array-literal'
import { jsonFromText, parameterFromJson, rawJsonOf, type ColumnCodec } from '../../lib/api/database/postgres/codecs/value-codecs'

const codec = (name: ColumnCodec['codec'], array = false, delimiter = ','): ColumnCodec => ({ codec: name, array, delimiter })

describe('JSON that keeps its text', () => {
  it('keeps chosen values as their exact source text, duplicates and huge numbers included', () => {
    const text = '{"values":{"big":9007199254740993,"doc":{"a":1, "a":2},"n":1e400,"s":"x"},"other":12345678901234567890}'
    const parsed = parseJsonKeepingRaw(text, (path) => path.length === 2 && path[0] === 'values') as any
    expect(parsed.values.big).toEqual(new RawJson('9007199254740993'))
    expect(parsed.values.doc).toEqual(new RawJson('{"a":1, "a":2}'))
    expect(parsed.values.n).toEqual(new RawJson('1e400'))
    expect(parsed.values.s).toEqual(new RawJson('"x"'))
    expect(parsed.other).toBe(Number('12345678901234567890'))
    expect(stringifyJson(parsed.values)).toBe('{"big":9007199254740993,"doc":{"a":1, "a":2},"n":1e400,"s":"x"}')
  })

  it('keeps the whitespace around a kept value, and tells its kind past it', () => {
    const parsed = parseJsonKeepingRaw('{"a":  [1] \n,"b": null }', (path) => path.length === 1) as Record<string, RawJson>
    expect(parsed.a.text).toBe('  [1] \n')
    expect(parsed.a.kind).toBe('[')
    expect(parsed.b.isNull).toBe(true)
  })

  it('refuses what JSON.parse refuses and keeps __proto__ as an ordinary key', () => {
    for (const bad of ['{', '[1,]', '{"a" 1}', '01', 'NaN', '"\\x"', '1 2', "'a'"]) {
      expect(() => parseJsonKeepingRaw(bad, () => false), bad).toThrow(SyntaxError)
    }
    const parsed = parseJsonKeepingRaw('{"__proto__":{"polluted":true}}', () => false) as Record<string, unknown>
    expect(Object.keys(parsed)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('Postgres array literals', () => {
  it('reads quoting, escapes, NULL, nesting, bounds and the box delimiter', () => {
    expect(parseArrayLiteral('{a,"b c","NULL",NULL,"q\\"x\\\\y"}')).toEqual(['a', 'b c', 'NULL', null, 'q"x\\y'])
    expect(parseArrayLiteral('{{1,2},{3,NULL}}')).toEqual([
      ['1', '2'],
      ['3', null],
    ])
    expect(parseArrayLiteral('{}')).toEqual([])
    expect(parseArrayLiteral('[0:1]={7,8}')).toEqual(['7', '8'])
    expect(parseArrayLiteral('{(1,1),(0,0);(2,2),(1,1)}', ';')).toEqual(['(1,1),(0,0)', '(2,2),(1,1)'])
  })

  it('writes every element quoted so no text turns into NULL', () => {
    expect(formatArrayLiteral(['NULL', null, 'a"b\\c', ['x']])).toBe('{"NULL",NULL,"a\\"b\\\\c",{"x"}}')
  })
})

describe('value codecs: Postgres text to JSON', () => {
  it('keeps float specials, decimal digits and json text', () => {
    expect(jsonFromText('NaN', codec('float'))).toBe('"NaN"')
    expect(jsonFromText('-Infinity', codec('float'))).toBe('"-Infinity"')
    expect(jsonFromText('1e+100', codec('float'))).toBe('1e+100')
    expect(jsonFromText('9007199254740993', codec('decimal'))).toBe('"9007199254740993"')
    expect(jsonFromText('{"a": 1, "a": 2}', codec('json'))).toBe('{"a": 1, "a": 2}')
    expect(jsonFromText('t', codec('boolean'))).toBe('true')
    expect(jsonFromText(null, codec('text'))).toBe('null')
  })

  it('writes arrays as JSON arrays of the element codec', () => {
    expect(jsonFromText('{12345678901234567890.123456789,NaN}', codec('decimal', true))).toBe('["12345678901234567890.123456789","NaN"]')
    expect(jsonFromText('{NaN,Infinity,1.5,NULL}', codec('float', true))).toBe('["NaN","Infinity",1.5,null]')
    expect(jsonFromText('{"{\\"a\\": 1e400}",null}', codec('json', true))).toBe('[{"a": 1e400},null]')
    expect(jsonFromText('{happy,sad}', codec('text', true))).toBe('["happy","sad"]')
    // Bounds other than 1 have no JSON array form: the literal itself, which writes back exactly.
    expect(jsonFromText('[0:1]={7,8}', codec('integer', true))).toBe('"[0:1]={7,8}"')
    expect(parameterFromJson(rawJsonOf('"[0:1]={7,8}"'), codec('integer', true))).toBe('[0:1]={7,8}')
  })
})

describe('value codecs: request JSON to the text Postgres reads', () => {
  it('sends numbers as their digits and json as sent', () => {
    expect(parameterFromJson(rawJsonOf('9007199254740993'), codec('decimal'))).toBe('9007199254740993')
    expect(parameterFromJson(rawJsonOf('"NaN"'), codec('float'))).toBe('NaN')
    expect(parameterFromJson(rawJsonOf('{"a":1,"a":2}'), codec('json'))).toBe('{"a":1,"a":2}')
    expect(parameterFromJson(rawJsonOf('"text"'), codec('json'))).toBe('"text"')
    expect(parameterFromJson(rawJsonOf('null'), codec('json'))).toBeNull()
    expect(parameterFromJson(rawJsonOf('true'), codec('boolean'))).toBe('true')
  })

  it('turns JSON arrays into array literals, and takes a literal as a string', () => {
    expect(parameterFromJson(rawJsonOf('[12345678901234567890.123456789,"NaN",null]'), codec('decimal', true))).toBe(
      '{"12345678901234567890.123456789","NaN",NULL}'
    )
    expect(parameterFromJson(rawJsonOf('[[1,2],[3,4]]'), codec('integer', true))).toBe('{{"1","2"},{"3","4"}}')
    expect(parameterFromJson(rawJsonOf('[{"a":1, "a":2},[1]]'), codec('json', true))).toBe('{"{\\"a\\":1, \\"a\\":2}","[1]"}')
    expect(parameterFromJson(rawJsonOf('"{a,b}"'), codec('text', true))).toBe('{a,b}')
  })

  it('reads back what it wrote: a value read then sent again is the same Postgres text', () => {
    for (const [text, c] of [
      ['{"x y",NULL,"\\"q\\""}', codec('text', true)],
      ['{1.5,NaN,-Infinity}', codec('float', true)],
      ['{"{\\"a\\": 1}"}', codec('json', true)],
    ] as const) {
      const json = jsonFromText(text, c)
      const back = parameterFromJson(rawJsonOf(json), c) as string
      expect(jsonFromText(back, c)).toBe(json)
    }
  })
})
