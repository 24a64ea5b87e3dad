/** A view column that is a plain reference to a column of another relation. */
export interface ViewColumnOrigin {
  /** The view column's position (attnum) and name. */
  resno: number
  resname: string
  /** The relation (oid) and column (attnum) it shows. */
  relationId: number
  attnum: number
}

interface Token {
  text: string
  depth: number
}

/**
 * Splits a node-tree text (pg_rewrite.ev_action) into tokens with their bracket depth. Node text
 * escapes special characters in names with a backslash and writes strings in double quotes, so
 * neither may open or close a bracket.
 */
function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let depth = 0
  let current = ''
  const flush = () => {
    if (current) tokens.push({ text: current, depth })
    current = ''
  }
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (char === '\\') {
      current += source[++i] ?? ''
    } else if (char === '"') {
      let end = i + 1
      while (end < source.length && source[end] !== '"') end += source[end] === '\\' ? 2 : 1
      current += source.slice(i, end + 1)
      i = end
    } else if (char === '(' || char === '{') {
      flush()
      depth++
      tokens.push({ text: char, depth })
    } else if (char === ')' || char === '}') {
      flush()
      tokens.push({ text: char, depth })
      depth--
    } else if (/\s/.test(char)) {
      flush()
    } else {
      current += char
    }
  }
  flush()
  return tokens
}

/**
 * The columns of a view's top-level target list that show a column of a relation as they are
 * (`resorigtbl`/`resorigcol` set), from the `_RETURN` rule's node tree. Target entries of
 * subqueries and CTEs sit deeper in the tree and are not read.
 */
export function viewColumnOrigins(evAction: string): ViewColumnOrigin[] {
  const tokens = tokenize(evAction)
  // ({QUERY ...}): the top-level query's fields are at depth 2, its target list's entries at 4.
  const start = tokens.findIndex((token) => token.text === ':targetList' && token.depth === 2)
  if (start === -1 || tokens[start + 1]?.text !== '(') return []
  const origins: ViewColumnOrigin[] = []
  let fields: Record<string, string> = {}
  for (let i = start + 2; i < tokens.length; i++) {
    const token = tokens[i]
    if (token.depth < 3) break
    if (token.depth !== 4) continue
    if (token.text === '{') fields = {}
    else if (token.text === '}') {
      const relationId = Number(fields[':resorigtbl'])
      if (relationId > 0 && fields[':resjunk'] !== 'true') {
        origins.push({ resno: Number(fields[':resno']), resname: fields[':resname'], relationId, attnum: Number(fields[':resorigcol']) })
      }
    } else if (token.text.startsWith(':') && tokens[i + 1]?.depth === 4) {
      fields[token.text] = tokens[i + 1].text
    }
  }
  return origins
}
