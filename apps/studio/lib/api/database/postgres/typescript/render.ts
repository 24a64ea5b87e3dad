import type { PgSchema, PgType } from '@multibase/api-contracts'

import { HELPER_TYPES, JSON_TYPE } from './helper-types'
import type { GeneratorMetadata } from './metadata'
import { nullable } from './pg-type-to-ts'
import { byName, createRenderContext, type RenderContext, type RenderOptions } from './render-context'
import { callableFunctionsBySchema, schemaFunctions } from './render-functions'
import { relationMembers } from './render-relations'
import { object, printMember, propertyKey, text, tsString, tsStringArray, union, type TsMember, type TsNode } from './ts-printer'

export type { RenderOptions } from './render-context'

/** `[_ in never]: never` for an empty group, as postgres-meta writes it. */
const group = (members: TsMember[]): TsNode => (members.length === 0 ? object([{ key: '[_ in never]', value: text('never') }]) : object(members))

function renderSchema(ctx: RenderContext, schema: PgSchema, functions: PgFunctionList): TsMember {
  const name = schema.name
  const { meta } = ctx
  const tables = [...meta.tables, ...meta.foreignTables].filter((item) => item.schema === name).sort(byName)
  const views = [
    ...meta.views.filter((item) => item.schema === name),
    ...meta.materializedViews.filter((item) => item.schema === name).map((item) => ({ ...item, is_updatable: false })),
  ].sort(byName)
  const fns = schemaFunctions(ctx, name, functions.get(name) ?? [], [...tables, ...views])
  const relations = relationMembers(ctx, name, tables, views, fns.computedFields)
  const enums = meta.types.filter((type) => type.schema === name && type.enums.length > 0).sort(byName)
  const composites = meta.types.filter((type) => type.schema === name && type.attributes.length > 0).sort(byName)
  return {
    key: name,
    value: object([
      { key: 'Tables', value: group(relations.tables) },
      { key: 'Views', value: group(relations.views) },
      { key: 'Functions', value: group(fns.members) },
      { key: 'Enums', value: group(enums.map((type) => ({ key: type.name, value: union(type.enums.map((label) => text(tsString(label)))) }))) },
      {
        key: 'CompositeTypes',
        value: group(
          composites.map((type) => ({
            key: type.name,
            value: object(type.attributes.map((attribute) => ({ key: attribute.name, value: text(nullable(ctx.tsOfTypeId(name, attribute.type_id), true)) }))),
          }))
        ),
      },
    ]),
  }
}

type PgFunctionList = ReturnType<typeof callableFunctionsBySchema>

/**
 * The `Database` type of the generated schemas in postgres-meta's layout: per schema Tables
 * (foreign tables too) with Row/Insert/Update/Relationships, Views (materialized views too, never
 * writable), Functions as unions of overloads, Enums and CompositeTypes; then the helper types and
 * the enum Constants. Everything is sorted by name so the text is stable.
 */
export function renderTypescript(meta: GeneratorMetadata, options: RenderOptions): string {
  const ctx = createRenderContext(meta, options)
  const functions = callableFunctionsBySchema(ctx)
  const internal = options.postgrestVersion
    ? [
        '  // Allows to automatically instantiate createClient with right options',
        "  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)",
        `  ${printMember({ key: '__InternalSupabase', value: object([{ key: 'PostgrestVersion', value: text(tsString(options.postgrestVersion)) }]) }, 2)}`,
      ]
    : []
  const database = ['export type Database = {', ...internal, ...ctx.schemas.map((schema) => `  ${printMember(renderSchema(ctx, schema, functions), 2)}`), '}']
  return `${JSON_TYPE}\n\n${database.join('\n')}\n\n${HELPER_TYPES}\n\n${renderConstants(ctx.schemas, meta.types)}\n`
}

/** The enum labels as values, laid out as prettier lays out an object literal. */
function renderConstants(schemas: PgSchema[], types: PgType[]): string {
  const lines = ['export const Constants = {']
  for (const schema of schemas) {
    const enums = types.filter((type) => type.schema === schema.name && type.enums.length > 0).sort(byName)
    lines.push(`  ${propertyKey(schema.name)}: {`)
    if (enums.length === 0) {
      lines.push('    Enums: {},')
    } else {
      lines.push('    Enums: {')
      for (const type of enums) {
        const line = `      ${propertyKey(type.name)}: ${tsStringArray(type.enums)},`
        if (line.length <= 80) lines.push(line)
        else lines.push(`      ${propertyKey(type.name)}: [`, ...type.enums.map((label) => `        ${tsString(label)},`), '      ],')
      }
      lines.push('    },')
    }
    lines.push('  },')
  }
  lines.push('} as const')
  return lines.join('\n')
}
