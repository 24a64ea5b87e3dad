/**
 * A Redis glob (as MATCH understands it: `*`, `?`, `[abc]`, `[^a]`, `[a-z]`, `\\x`) as a RegExp, to
 * select keys of a backup file by pattern the way SCAN MATCH would select them on a server.
 */
export function redisGlobToRegExp(glob: string): RegExp {
  let out = ''
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]
    if (char === '\\' && index + 1 < glob.length) {
      out += escapeChar(glob[++index])
    } else if (char === '*') {
      out += '[\\s\\S]*'
    } else if (char === '?') {
      out += '[\\s\\S]'
    } else if (char === '[') {
      const close = glob.indexOf(']', index + 2)
      if (close === -1) {
        out += '\\['
        continue
      }
      let body = glob.slice(index + 1, close)
      const negate = body.startsWith('^')
      if (negate) body = body.slice(1)
      const parts = body.replace(/\\(.)/g, '$1').split('')
      const cls = parts.map((part) => (part === '-' ? '-' : escapeClassChar(part))).join('')
      out += `[${negate ? '^' : ''}${cls}]`
      index = close
    } else {
      out += escapeChar(char)
    }
  }
  return new RegExp(`^${out}$`)
}

const escapeChar = (char: string) => char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
const escapeClassChar = (char: string) => char.replace(/[\]\\^]/g, '\\$&')
