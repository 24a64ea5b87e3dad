import type { PgColumn, PgFunction, PgSchema, PgType } from '@multibase/api-contracts'

import { HELPER_TYPES, JSON_TYPE } from './helper-types'
import type { GeneratorMetadata } from './metadata'
import { nullable, pgTypeToTs, type TypeContext } from './pg-type-to-ts'
import { object, printMember, propertyKey, text, tsString, tsStringArray, tuple, union, type TsMember, type TsNode } from './ts-printer'

export interface RenderOptions {
  detectOneToOneRelationships: boolean
  postgrestVersion?: string
}

/** PostgREST passes these argument modes; OUT and TABLE arguments belong to the result. */
const INPUT_MODES = new Set(['in', 'inout', 'variadic'])
/** json, jsonb and text: the types PostgREST accepts for a single unnamed argument. */
const UNNAMED_ARGUMENT_TYPES = new Set([114, 3802, 25])

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)

interface Relation {
  id: number
  schema: string
  name: string
}

/**
 * The `Database` type of the generated schemas in postgres-meta's layout: per schema Tables
 * (foreign tables too) with Row/Insert/Update/Relationships, Views (materialized views too, never
 * writable), Functions as unions of overloads, Enums and CompositeTypes; then the helper types and
 * the enum Constants. Everything is sorted by name so the text is stable.
 */
export function renderTypescript(meta: GeneratorMetadata, options: RenderOptions): string {
  const schemas = [...meta.schemas].sort(byName)
  const context: TypeContext = { types: meta.types, schemas, tables: meta.tables, views: meta.views }
  const typesById = new Map(meta.types.map((type) => [type.id, type]))
  const columnsByRelation = new Map<number, PgColumn[]>()
  for (const column of meta.columns) {
    const list = columnsByRelation.get(column.table_id) ?? []
    list.push(column)
    columnsByRelation.set(column.table_id, list)
  }
  for (const list of columnsByRelation.values()) list.sort(byName)
  const columnsOf = (relation: Relation) => columnsByRelation.get(relation.id) ?? []
  const tsOfTypeId = (schema: string, typeId: number) => {
    const type = typesById.get(typeId)
    return type ? pgTypeToTs(schema, type.name, context) : 'unknown'
  }
  const columnMember = (schema: string, column: PgColumn, isNullable: boolean, optional: boolean): TsMember => ({
    key: column.name,
    optional,
    value: text(nullable(pgTypeToTs(schema, column.format, context), isNullable)),
  })

  const relationships = [...meta.relationships].sort(
    (a, b) =>
      a.foreign_key_name.localeCompare(b.foreign_key_name) ||
      a.referenced_relation.localeCompare(b.referenced_relation) ||
      JSON.stringify(a.referenced_columns).localeCompare(JSON.stringify(b.referenced_columns))
  )
  const relationshipsOf = (relation: Relation): TsNode =>
    tuple(
      relationships
        .filter((key) => key.schema === relation.schema && key.relation === relation.name && key.referenced_schema === relation.schema)
        .map((key) =>
          object([
            { key: 'foreignKeyName', value: text(tsString(key.foreign_key_name)) },
            { key: 'columns', value: text(tsStringArray(key.columns)) },
            ...(options.detectOneToOneRelationships ? [{ key: 'isOneToOne', value: text(String(key.is_one_to_one)) }] : []),
            { key: 'referencedRelation', value: text(tsString(key.referenced_relation)) },
            { key: 'referencedColumns', value: text(tsStringArray(key.referenced_columns)) },
          ])
        )
    )

  const relationRowTypes = new Map(meta.types.filter((type) => type.type_relation_id !== null).map((type) => [type.id, type]))
  const relationNames = new Map(
    [...meta.tables, ...meta.foreignTables, ...meta.views, ...meta.materializedViews].map((item) => [item.id, item.name])
  )

  /** Which functions PostgREST can call: no unnamed input, or only unnamed ones it understands. */
  const callable = (fn: PgFunction) => {
    const inputs = fn.args.filter((arg) => INPUT_MODES.has(arg.mode))
    return (
      inputs.length === 0 ||
      inputs.every((arg) => arg.name !== '' || (arg.has_default && UNNAMED_ARGUMENT_TYPES.has(arg.type_id))) ||
      (inputs.length === 1 && (UNNAMED_ARGUMENT_TYPES.has(inputs[0].type_id) || relationRowTypes.has(inputs[0].type_id)))
    )
  }
  const functionsBySchema = new Map<string, PgFunction[]>()
  for (const fn of meta.functions) {
    if (!callable(fn)) continue
    const list = functionsBySchema.get(fn.schema) ?? []
    list.push({ ...fn, args: [...fn.args].sort(byName) })
    functionsBySchema.set(fn.schema, list)
  }

  const renderSchema = (schema: PgSchema): TsMember => {
    const name = schema.name
    const functions = (functionsBySchema.get(name) ?? []).sort(byName)
    const tablesHere = [...meta.tables, ...meta.foreignTables].filter((item) => item.schema === name).sort(byName)
    const viewsHere = [
      ...meta.views.filter((item) => item.schema === name),
      ...meta.materializedViews.filter((item) => item.schema === name).map((item) => ({ ...item, is_updatable: false })),
    ].sort(byName)
    const relationsHere = [...tablesHere, ...viewsHere]

    /** The result of one call: a RETURNS TABLE row, a relation's row, or the return type. */
    const resultOf = (fn: PgFunction): TsNode => {
      const tableArgs = fn.args.filter((arg) => arg.mode === 'table')
      if (tableArgs.length > 0) return object(tableArgs.map((arg) => ({ key: arg.name, value: text(tsOfTypeId(name, arg.type_id)) })))
      const relation = relationsHere.find((item) => item.id === fn.return_type_relation_id)
      return relation
        ? object(columnsOf(relation).map((column) => columnMember(name, column, column.is_nullable, false)))
        : text(tsOfTypeId(name, fn.return_type_id))
    }
    /**
     * PostgREST's embedding hints for a function returning rows of a relation (or of a composite
     * type): from "*" for a plain call, from the relation of a single row argument for a computed
     * relationship. A set estimated at one row (ROWS 1) is one-to-one and returns one object.
     */
    const setofOptionsOf = (fn: PgFunction): TsMember | null => {
      const target = relationNames.get(fn.return_type_relation_id ?? -1) ?? (fn.return_type_relation_id ? relationRowTypes.get(fn.return_type_id)?.name : undefined)
      if (!target) return null
      const multipleRows = fn.prorows !== null && fn.prorows > 1
      const source = fn.args.length === 1 ? relationRowTypes.get(fn.args[0].type_id)?.format : undefined
      const oneToOne = source !== undefined && !fn.is_set_returning_function ? true : !multipleRows
      return {
        key: 'SetofOptions',
        value: object([
          { key: 'from', value: text(tsString(source ?? '*')) },
          { key: 'to', value: text(tsString(target)) },
          { key: 'isOneToOne', value: text(String(oneToOne)) },
          { key: 'isSetofReturn', value: text(String(fn.is_set_returning_function)) },
        ]),
      }
    }
    const returnsOf = (result: TsNode, fn: PgFunction, singleRow: boolean): TsNode => {
      if (!fn.is_set_returning_function || singleRow) return result
      if (result.kind === 'object') return { ...result, suffix: '[]' }
      const single = result.kind === 'text' ? result.text : 'unknown'
      return text(single.includes(' | ') ? `(${single})[]` : `${single}[]`)
    }
    const inputsOf = (fn: PgFunction) => fn.args.filter((arg) => INPUT_MODES.has(arg.mode))
    const typeName = (typeId: number) => typesById.get(typeId)?.name ?? 'unknown'
    /**
     * Why PostgREST cannot call this overload, in its words: a single unnamed row argument without
     * a relation to return, or overloads it cannot tell apart (none vs one unnamed defaulted
     * argument; one same-named argument of different types).
     */
    const callErrorOf = (fn: PgFunction, overloads: PgFunction[]): string | null => {
      const inputs = inputsOf(fn)
      const others = overloads.filter((other) => other !== fn)
      if (others.length > 0 && inputs.length === 0) {
        const conflict = others.find((other) => {
          const otherInputs = inputsOf(other)
          return otherInputs.length === 1 && otherInputs[0].name === '' && otherInputs[0].has_default
        })
        if (conflict) {
          return `Could not choose the best candidate function between: ${name}.${fn.name}(), ${name}.${fn.name}( => ${typeName(conflict.return_type_id)}). Try renaming the parameters or the function itself in the database so function overloading can be resolved`
        }
      }
      if (others.length > 0 && inputs.length === 1 && inputs[0].name !== '') {
        const conflicts = others.filter((other) => {
          const otherInputs = inputsOf(other)
          return otherInputs.length === 1 && otherInputs[0].name === inputs[0].name && otherInputs[0].type_id !== inputs[0].type_id
        })
        if (conflicts.length > 0) {
          const list = [fn, ...conflicts]
            .map(inputsOf)
            .sort((a, b) => (a[0]?.type_id ?? 0) - (b[0]?.type_id ?? 0))
            .map((args) => `${name}.${fn.name}(${args.map((arg) => `${arg.name} => ${typeName(arg.type_id)}`).join(', ')})`)
            .join(', ')
          return `Could not choose the best candidate function between: ${list}. Try renaming the parameters or the function itself in the database so function overloading can be resolved`
        }
      }
      const returnsRelation =
        fn.return_type_relation_id !== null && (relationNames.has(fn.return_type_relation_id) || relationRowTypes.has(fn.return_type_id))
      if (inputs.length === 1 && inputs[0].name === '' && relationRowTypes.has(inputs[0].type_id) && !returnsRelation) {
        return `the function ${name}.${fn.name} with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache`
      }
      return null
    }
    const signatureOf = (fn: PgFunction, overloads: PgFunction[]): TsNode => {
      const inputs = inputsOf(fn)
      const args =
        inputs.length === 0
          ? text('never')
          : object(
              inputs.map((arg) => ({ key: arg.name, optional: arg.has_default, value: text(tsOfTypeId(name, arg.type_id)) })),
              false
            )
      const error = callErrorOf(fn, overloads)
      const setofOptions = setofOptionsOf(fn)
      const singleRow = setofOptions !== null && !(fn.prorows !== null && fn.prorows > 1)
      const result = error ? object([{ key: 'error', value: text('true') }], false, ` & ${tsString(error)}`) : resultOf(fn)
      return object([{ key: 'Args', value: args }, { key: 'Returns', value: returnsOf(result, fn, singleRow) }, ...(setofOptions ? [setofOptions] : [])], false)
    }
    /** A function taking one relation row is a computed field of that relation. */
    const computedFields = (relation: Relation): TsMember[] =>
      functions
        .filter((fn) => fn.argument_types === relation.name)
        .map((fn) => {
          const result = resultOf(fn)
          return { key: fn.name, value: result.kind === 'object' ? { ...result, suffix: ' | null' } : text(nullable(flatText(result), true)) }
        })

    const tablesNode = tablesHere.map(
      (table): TsMember => ({
        key: table.name,
        value: object([
          { key: 'Row', value: object([...columnsOf(table).map((column) => columnMember(name, column, column.is_nullable, false)), ...computedFields(table)]) },
          {
            key: 'Insert',
            value: object(
              columnsOf(table).map((column) =>
                column.identity_generation === 'ALWAYS'
                  ? { key: column.name, optional: true, value: text('never') }
                  : columnMember(name, column, column.is_nullable, column.is_nullable || column.is_identity || column.default_value !== null)
              )
            ),
          },
          {
            key: 'Update',
            value: object(
              columnsOf(table).map((column) =>
                column.identity_generation === 'ALWAYS'
                  ? { key: column.name, optional: true, value: text('never') }
                  : columnMember(name, column, column.is_nullable, true)
              )
            ),
          },
          { key: 'Relationships', value: relationshipsOf(table) },
        ]),
      })
    )
    const writableColumns = (view: Relation) =>
      object(
        columnsOf(view).map((column) =>
          column.is_updatable ? columnMember(name, column, true, true) : { key: column.name, optional: true, value: text('never') }
        )
      )
    const viewsNode = viewsHere.map(
      (view): TsMember => ({
        key: view.name,
        value: object([
          { key: 'Row', value: object([...columnsOf(view).map((column) => columnMember(name, column, column.is_nullable, false)), ...computedFields(view)]) },
          ...(view.is_updatable
            ? [
                { key: 'Insert', value: writableColumns(view) },
                { key: 'Update', value: writableColumns(view) },
              ]
            : []),
          { key: 'Relationships', value: relationshipsOf(view) },
        ]),
      })
    )
    const overloads = new Map<string, PgFunction[]>()
    for (const fn of functions) overloads.set(fn.name, [...(overloads.get(fn.name) ?? []), fn])
    const functionsNode = [...overloads.entries()].map(([fnName, fns]): TsMember => {
      const sorted = [...fns].sort((a, b) => a.argument_types.localeCompare(b.argument_types) || a.return_type.localeCompare(b.return_type))
      const signatures = sorted.map((fn) => signatureOf(fn, sorted))
      return { key: fnName, value: signatures.length === 1 ? signatures[0] : union(signatures) }
    })
    const enums = meta.types.filter((type) => type.schema === name && type.enums.length > 0).sort(byName)
    const composites = meta.types.filter((type) => type.schema === name && type.attributes.length > 0).sort(byName)
    const enumsNode = enums.map((type): TsMember => ({ key: type.name, value: union(type.enums.map((label) => text(tsString(label)))) }))
    const compositesNode = composites.map(
      (type): TsMember => ({
        key: type.name,
        value: object(type.attributes.map((attribute) => ({ key: attribute.name, value: text(nullable(tsOfTypeId(name, attribute.type_id), true)) }))),
      })
    )
    const group = (members: TsMember[]): TsNode => (members.length === 0 ? object([{ key: '[_ in never]', value: text('never') }]) : object(members))
    return {
      key: name,
      value: object([
        { key: 'Tables', value: group(tablesNode) },
        { key: 'Views', value: group(viewsNode) },
        { key: 'Functions', value: group(functionsNode) },
        { key: 'Enums', value: group(enumsNode) },
        { key: 'CompositeTypes', value: group(compositesNode) },
      ]),
    }
  }

  const internal = options.postgrestVersion
    ? [
        '  // Allows to automatically instantiate createClient with right options',
        "  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)",
        `  ${printMember({ key: '__InternalSupabase', value: object([{ key: 'PostgrestVersion', value: text(tsString(options.postgrestVersion)) }]) }, 2)}`,
      ]
    : []
  const database = ['export type Database = {', ...internal, ...schemas.map((schema) => `  ${printMember(renderSchema(schema), 2)}`), '}'].join('\n')
  return `${JSON_TYPE}\n\n${database}\n\n${HELPER_TYPES}\n\n${renderConstants(schemas, meta.types)}\n`
}

function flatText(node: TsNode): string {
  return node.kind === 'text' ? node.text : 'unknown'
}

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
