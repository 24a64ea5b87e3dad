/**
 * A tiny printer for the TypeScript type text the generator writes, laid out as prettier lays out
 * postgres-meta's output (print width 80, two-space indent, no semicolons, trailing commas in
 * multi-line arrays): a group stays on one line when it fits and may, and breaks otherwise.
 */
export type TsNode = TsText | TsObject | TsTuple | TsUnion

export interface TsText {
  kind: 'text'
  text: string
}
export interface TsMember {
  key: string
  optional?: boolean
  value: TsNode
}
export interface TsObject {
  kind: 'object'
  members: TsMember[]
  /** Always on several lines (prettier keeps an object broken when its source was). */
  expanded: boolean
  /** Appended after the closing brace, e.g. `[]`. */
  suffix?: string
}
export interface TsTuple {
  kind: 'tuple'
  items: TsNode[]
}
export interface TsUnion {
  kind: 'union'
  items: TsNode[]
}

const PRINT_WIDTH = 80

export const text = (value: string): TsText => ({ kind: 'text', text: value })
export const object = (members: TsMember[], expanded = true, suffix?: string): TsObject => ({ kind: 'object', members, expanded, suffix })
export const tuple = (items: TsNode[]): TsTuple => ({ kind: 'tuple', items })
export const union = (items: TsNode[]): TsUnion => ({ kind: 'union', items })

/**
 * A string literal as prettier writes it: double quotes, unless the text holds more double than
 * single quotes.
 */
export function tsString(value: string): string {
  const json = JSON.stringify(value)
  const doubles = (value.match(/"/g) ?? []).length
  const singles = (value.match(/'/g) ?? []).length
  if (doubles <= singles) return json
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`
}

/** A one-line array of string literals. */
export const tsStringArray = (values: string[]): string => `[${values.map(tsString).join(', ')}]`

/**
 * A property name as prettier writes it: bare when it is an identifier, else a string literal;
 * a mapped-type key (`[_ in never]`) as it is.
 */
export function propertyKey(name: string): string {
  if (name === '[_ in never]') return name
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : tsString(name)
}

/** The node on one line, or null when it must break. */
function flat(node: TsNode): string | null {
  switch (node.kind) {
    case 'text':
      return node.text.includes('\n') ? null : node.text
    case 'object': {
      if (node.members.length === 0) return `{}${node.suffix ?? ''}`
      if (node.expanded) return null
      const members = node.members.map((member) => {
        const value = flat(member.value)
        return value === null ? null : `${propertyKey(member.key)}${member.optional ? '?' : ''}: ${value}`
      })
      if (members.some((member) => member === null)) return null
      return `{ ${members.join('; ')} }${node.suffix ?? ''}`
    }
    case 'tuple':
      return node.items.length === 0 ? '[]' : null
    case 'union': {
      const items = node.items.map(flat)
      return items.some((item) => item === null) ? null : items.join(' | ')
    }
  }
}

/** Prints the node whose first line starts at column `column` and whose block indent is `indent`. */
export function printNode(node: TsNode, indent: number, column: number): string {
  const single = flat(node)
  if (single !== null && column + single.length <= PRINT_WIDTH) return single
  const pad = ' '.repeat(indent)
  switch (node.kind) {
    case 'text':
      return node.text
    case 'object': {
      const lines = node.members.map((member) => `${pad}  ${printMember(member, indent + 2)}`)
      return `{\n${lines.join('\n')}\n${pad}}${node.suffix ?? ''}`
    }
    case 'tuple': {
      const items = node.items.map((item) => `${pad}  ${printNode(item, indent + 2, indent + 2)},`)
      return `[\n${items.join('\n')}\n${pad}]`
    }
    case 'union':
      return node.items.map((item) => `\n${pad}  | ${printNode(item, indent + 4, indent + 4)}`).join('')
  }
}

/** `key: value` (or `key?: value`), a broken union starting on the next line as prettier does. */
export function printMember(member: TsMember, indent: number): string {
  const head = `${propertyKey(member.key)}${member.optional ? '?' : ''}:`
  const value = printNode(member.value, indent, indent + head.length + 1)
  return value.startsWith('\n') ? `${head}${value}` : `${head} ${value}`
}
