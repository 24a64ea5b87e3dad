import type { PgFunction } from '@multibase/api-contracts'

import { nullable } from './pg-type-to-ts'
import { byName, type Relation, type RenderContext } from './render-context'
import { object, text, tsString, union, type TsMember, type TsNode } from './ts-printer'

/** PostgREST passes these argument modes; OUT and TABLE arguments belong to the result. */
const INPUT_MODES = new Set(['in', 'inout', 'variadic'])
/** json, jsonb and text: the types PostgREST accepts for a single unnamed argument. */
const UNNAMED_ARGUMENT_TYPES = new Set([114, 3802, 25])

/** `T[]`, written after the node as postgres-meta appends it (a union in parentheses). */
function arrayOf(node: TsNode): TsNode {
  if (node.kind === 'object') return { ...node, suffix: `${node.suffix ?? ''}[]` }
  const single = node.kind === 'text' ? node.text : 'unknown'
  return text(single.includes(' | ') ? `(${single})[]` : `${single}[]`)
}

const inputsOf = (fn: PgFunction) => fn.args.filter((arg) => INPUT_MODES.has(arg.mode))
const OVERLOAD_HINT = 'Try renaming the parameters or the function itself in the database so function overloading can be resolved'

/** The functions of each schema PostgREST can call (no unnamed input, or unnamed ones it understands), arguments by name. */
export function callableFunctionsBySchema(ctx: RenderContext): Map<string, PgFunction[]> {
  const bySchema = new Map<string, PgFunction[]>()
  for (const fn of ctx.meta.functions) {
    const inputs = inputsOf(fn)
    const callable =
      inputs.length === 0 ||
      inputs.every((arg) => arg.name !== '' || (arg.has_default && UNNAMED_ARGUMENT_TYPES.has(arg.type_id))) ||
      (inputs.length === 1 && (UNNAMED_ARGUMENT_TYPES.has(inputs[0].type_id) || ctx.relationRowTypes.has(inputs[0].type_id)))
    if (!callable) continue
    bySchema.set(fn.schema, [...(bySchema.get(fn.schema) ?? []), { ...fn, args: [...fn.args].sort(byName) }])
  }
  for (const list of bySchema.values()) list.sort(byName)
  return bySchema
}

/**
 * The Functions group of one schema and the computed fields its functions add to relations.
 * `relations` are the schema's tables and views, whose row a function may return.
 */
export function schemaFunctions(ctx: RenderContext, schema: string, functions: PgFunction[], relations: Relation[]) {
  const typeName = (typeId: number) => ctx.typesById.get(typeId)?.name ?? 'unknown'

  /** The result of one call: a RETURNS TABLE row, a relation's row, or the return type. */
  const resultOf = (fn: PgFunction): TsNode => {
    const tableArgs = fn.args.filter((arg) => arg.mode === 'table')
    if (tableArgs.length > 0) return object(tableArgs.map((arg) => ({ key: arg.name, value: text(ctx.tsOfTypeId(schema, arg.type_id)) })))
    const relation = relations.find((item) => item.id === fn.return_type_relation_id)
    return relation
      ? object(ctx.columnsOf(relation).map((column) => ctx.columnMember(schema, column, column.is_nullable, false)))
      : text(ctx.tsOfTypeId(schema, fn.return_type_id))
  }

  /**
   * PostgREST's embedding hints for a function returning rows of a relation (or of a composite
   * type): from "*" for a plain call, from the relation of a single row argument for a computed
   * relationship. A set estimated at one row (ROWS 1) is one-to-one and returns one object.
   */
  const setofOptionsOf = (fn: PgFunction): TsMember | null => {
    const target =
      ctx.relationNames.get(fn.return_type_relation_id ?? -1) ??
      (fn.return_type_relation_id ? ctx.relationRowTypes.get(fn.return_type_id)?.name : undefined)
    if (!target) return null
    const multipleRows = fn.prorows !== null && fn.prorows > 1
    const source = fn.args.length === 1 ? ctx.relationRowTypes.get(fn.args[0].type_id)?.format : undefined
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

  /**
   * Why PostgREST cannot call this overload, in its words: overloads it cannot tell apart (none vs
   * one unnamed defaulted argument; one same-named argument of different types), or a single
   * unnamed row argument without a relation to return.
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
        return `Could not choose the best candidate function between: ${schema}.${fn.name}(), ${schema}.${fn.name}( => ${typeName(conflict.return_type_id)}). ${OVERLOAD_HINT}`
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
          .map((args) => `${schema}.${fn.name}(${args.map((arg) => `${arg.name} => ${typeName(arg.type_id)}`).join(', ')})`)
          .join(', ')
        return `Could not choose the best candidate function between: ${list}. ${OVERLOAD_HINT}`
      }
    }
    const returnsRelation =
      fn.return_type_relation_id !== null && (ctx.relationNames.has(fn.return_type_relation_id) || ctx.relationRowTypes.has(fn.return_type_id))
    if (inputs.length === 1 && inputs[0].name === '' && ctx.relationRowTypes.has(inputs[0].type_id) && !returnsRelation) {
      return `the function ${schema}.${fn.name} with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache`
    }
    return null
  }

  const signatureOf = (fn: PgFunction, overloads: PgFunction[]): TsNode => {
    const inputs = inputsOf(fn)
    const args =
      inputs.length === 0
        ? text('never')
        : object(
            inputs.map((arg) => ({ key: arg.name, optional: arg.has_default, value: text(ctx.tsOfTypeId(schema, arg.type_id)) })),
            false
          )
    const error = callErrorOf(fn, overloads)
    const setofOptions = setofOptionsOf(fn)
    // A set estimated at one row comes back as one object when PostgREST knows the relation.
    const singleRow = setofOptions !== null && !(fn.prorows !== null && fn.prorows > 1)
    const result = error ? object([{ key: 'error', value: text('true') }], false, ` & ${tsString(error)}`) : resultOf(fn)
    const returns = fn.is_set_returning_function && !singleRow ? arrayOf(result) : result
    return object([{ key: 'Args', value: args }, { key: 'Returns', value: returns }, ...(setofOptions ? [setofOptions] : [])], false)
  }

  const overloads = new Map<string, PgFunction[]>()
  for (const fn of functions) overloads.set(fn.name, [...(overloads.get(fn.name) ?? []), fn])
  const members = [...overloads.entries()].map(([name, fns]): TsMember => {
    const sorted = [...fns].sort((a, b) => a.argument_types.localeCompare(b.argument_types) || a.return_type.localeCompare(b.return_type))
    const signatures = sorted.map((fn) => signatureOf(fn, sorted))
    return { key: name, value: signatures.length === 1 ? signatures[0] : union(signatures) }
  })

  /** A function taking one relation row is a computed field of that relation. */
  const computedFields = (relation: Relation): TsMember[] =>
    functions
      .filter((fn) => fn.argument_types === relation.name)
      .map((fn) => {
        const result = resultOf(fn)
        return { key: fn.name, value: result.kind === 'object' ? { ...result, suffix: ' | null' } : text(nullable(result.kind === 'text' ? result.text : 'unknown', true)) }
      })

  return { members, computedFields }
}
