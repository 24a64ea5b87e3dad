import { describe, expect, it } from 'vitest'

import { nullable, pgTypeToTs, type TypeContext } from 'lib/api/database/postgres/typescript/pg-type-to-ts'
import { object, printMember, propertyKey, text, tsString, tuple, union } from 'lib/api/database/postgres/typescript/ts-printer'

const context: TypeContext = {
  schemas: [{ id: 1, name: 'public', owner: 'postgres' }],
  types: [
    { id: 10, name: 'mood', schema: 'public', format: 'mood', enums: ['happy', 'sad'], attributes: [], comment: null, type_relation_id: null },
    { id: 11, name: 'level', schema: 'other', format: 'other.level', enums: ['low', 'high'], attributes: [], comment: null, type_relation_id: null },
    { id: 12, name: 'pair', schema: 'public', format: 'pair', enums: [], attributes: [{ name: 'a', type_id: 23 }], comment: null, type_relation_id: 99 },
  ],
  tables: [{ name: 'todos', schema: 'public' }],
  views: [{ name: 'open_todos', schema: 'public' }],
}

describe('pgTypeToTs', () => {
  it('maps base types as postgres-meta does', () => {
    expect(pgTypeToTs('public', 'int8', context)).toBe('number')
    expect(pgTypeToTs('public', 'timestamptz', context)).toBe('string')
    expect(pgTypeToTs('public', 'jsonb', context)).toBe('Json')
    expect(pgTypeToTs('public', 'bool', context)).toBe('boolean')
    expect(pgTypeToTs('public', 'void', context)).toBe('undefined')
    expect(pgTypeToTs('public', 'int4range', context)).toBe('unknown')
    expect(pgTypeToTs('public', '_text', context)).toBe('string[]')
  })

  it('refers to enums, composite types, tables and views of generated schemas; spells out other enums', () => {
    expect(pgTypeToTs('public', 'mood', context)).toBe('Database["public"]["Enums"]["mood"]')
    expect(pgTypeToTs('public', '_mood', context)).toBe('Database["public"]["Enums"]["mood"][]')
    expect(pgTypeToTs('public', 'level', context)).toBe('"low" | "high"')
    expect(pgTypeToTs('public', '_level', context)).toBe('("low" | "high")[]')
    expect(pgTypeToTs('public', 'pair', context)).toBe('Database["public"]["CompositeTypes"]["pair"]')
    expect(pgTypeToTs('public', 'todos', context)).toBe('Database["public"]["Tables"]["todos"]["Row"]')
    expect(pgTypeToTs('public', 'open_todos', context)).toBe('Database["public"]["Views"]["open_todos"]["Row"]')
  })

  it('adds null except to unknown', () => {
    expect(nullable('number', true)).toBe('number | null')
    expect(nullable('number', false)).toBe('number')
    expect(nullable('unknown', true)).toBe('unknown')
  })
})

describe('ts-printer', () => {
  it('quotes as prettier: identifiers bare, double quotes unless the text holds more of them', () => {
    expect(propertyKey('user_id')).toBe('user_id')
    expect(propertyKey('user-id')).toBe('"user-id"')
    expect(propertyKey('[_ in never]')).toBe('[_ in never]')
    expect(tsString('"my-app"."users"')).toBe(`'"my-app"."users"'`)
    expect(tsString("it's")).toBe('"it\'s"')
  })

  it('keeps a group on one line when it fits in 80 columns and may, and breaks it otherwise', () => {
    const args = object([{ key: 'id', value: text('number') }], false)
    expect(printMember({ key: 'fn', value: object([{ key: 'Args', value: args }, { key: 'Returns', value: text('string') }], false) }, 6)).toBe(
      'fn: { Args: { id: number }; Returns: string }'
    )
    expect(printMember({ key: 'Row', value: object([{ key: 'id', value: text('number') }]) }, 4)).toBe('Row: {\n      id: number\n    }')
    expect(printMember({ key: 'Relationships', value: tuple([]) }, 4)).toBe('Relationships: []')
    const labels = ['a fairly long label', 'another fairly long label', 'and a third one'].map((label) => text(tsString(label)))
    expect(printMember({ key: 'status', value: union(labels) }, 6)).toBe(
      'status:\n        | "a fairly long label"\n        | "another fairly long label"\n        | "and a third one"'
    )
  })
})
