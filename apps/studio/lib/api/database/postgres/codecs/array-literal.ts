/**
 * Postgres array text literals, both ways. Postgres writes an array as `{a,"b c",NULL,{1,2}}`
 * (elements quoted when they need it, backslash escapes inside quotes, `NULL` unquoted for a null,
 * `;` instead of `,` for box, and a `[0:1]=` prefix when a lower bound is not 1). Elements stay
 * text here; the element type's codec decides what each becomes.
 */

export type ArrayItems = Array<string | null | ArrayItems>

export class ArrayLiteralError extends Error {}

/** The elements of an array literal as nested arrays of element text (null for NULL). */
export function parseArrayLiteral(text: string, delimiter = ','): ArrayItems {
  let at = 0
  if (text[0] === '[') {
    // Bounds decoration: the JSON form has no lower bounds, so it is read past (see README).
    const equals = text.indexOf('=')
    if (equals < 0) throw new ArrayLiteralError('Array bounds without "="')
    at = equals + 1
  }

  const parseLevel = (): ArrayItems => {
    if (text[at] !== '{') throw new ArrayLiteralError(`Expected "{" at ${at}`)
    at++
    const items: ArrayItems = []
    if (text[at] === '}') {
      at++
      return items
    }
    for (;;) {
      if (text[at] === '{') items.push(parseLevel())
      else if (text[at] === '"') items.push(quoted())
      else items.push(unquoted())
      const next = text[at++]
      if (next === '}') return items
      if (next !== delimiter) throw new ArrayLiteralError(`Expected "${delimiter}" or "}" at ${at - 1}`)
    }
  }

  const quoted = (): string => {
    at++
    let value = ''
    for (;;) {
      const char = text[at++]
      if (char === undefined) throw new ArrayLiteralError('Unterminated quoted element')
      if (char === '"') return value
      value += char === '\\' ? (text[at++] ?? '') : char
    }
  }

  const unquoted = (): string | null => {
    const start = at
    while (at < text.length && text[at] !== delimiter && text[at] !== '}') at++
    const value = text.slice(start, at)
    return value.toUpperCase() === 'NULL' ? null : value
  }

  const items = parseLevel()
  if (at !== text.length) throw new ArrayLiteralError(`Unexpected text after the array at ${at}`)
  return items
}

/** One element as Postgres reads it back: always quoted, so no text is mistaken for NULL or a delimiter. */
export function quoteArrayElement(text: string): string {
  return `"${text.replace(/[\\"]/g, (char) => `\\${char}`)}"`
}

/** An array literal from nested element texts (null for NULL). */
export function formatArrayLiteral(items: ArrayItems, delimiter = ','): string {
  return `{${items.map((item) => (item === null ? 'NULL' : Array.isArray(item) ? formatArrayLiteral(item, delimiter) : quoteArrayElement(item))).join(delimiter)}}`
}
