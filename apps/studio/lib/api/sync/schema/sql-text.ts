/** Quoting for generated DDL: identifiers and literals are never pasted in raw. */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

export const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`

export const qualified = (schema: string, name: string) => `${quoteIdent(schema)}.${quoteIdent(name)}`

/** A `DO` block whose dollar-quote tag does not occur in its body. */
export function doBlock(body: string): string {
  let tag = 'mb'
  for (let n = 0; body.includes(`$${tag}$`); n++) tag = `mb${n}`
  return `DO $${tag}$ BEGIN ${body} END $${tag}$`
}
