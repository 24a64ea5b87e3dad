/**
 * JSON that keeps its source text. `JSON.parse` rounds numbers beyond double precision, turns 1e400
 * into Infinity and keeps only the last of duplicate keys; Postgres values (bigint, numeric, json
 * with duplicate keys, jsonb with 30-digit numbers) must survive a read and a write back exactly.
 * Here a value chosen by its path stays its exact source text (a `RawJson`), and `stringifyJson`
 * writes a `RawJson` back verbatim. Used by the server (request bodies) and the UI (responses).
 */

/**
 * A JSON value kept as its exact source text: everything between its separators, whitespace
 * included (a json column keeps the whitespace around its value too). `kind` is its first character.
 */
export class RawJson {
  constructor(readonly text: string) {}

  /** `"` string, `{` object, `[` array, `n` null, `t`/`f` boolean, else a number. */
  get kind(): string {
    return this.text.trimStart()[0] ?? ''
  }

  get isNull(): boolean {
    return this.text.trim() === 'null'
  }
}

export type JsonPath = ReadonlyArray<string | number>

const MAX_DEPTH = 512
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

class JsonTextParser {
  private at = 0

  constructor(
    private readonly text: string,
    private readonly keepRaw: (path: JsonPath) => boolean
  ) {}

  parseDocument(): unknown {
    const value = this.value([])
    this.space()
    if (this.at < this.text.length) this.fail('Unexpected text after the JSON value')
    return value
  }

  private fail(message: string): never {
    throw new SyntaxError(`${message} at position ${this.at}`)
  }

  private space() {
    while (this.at < this.text.length) {
      const char = this.text.charCodeAt(this.at)
      if (char !== 0x20 && char !== 0x0a && char !== 0x0d && char !== 0x09) return
      this.at++
    }
  }

  private value(path: JsonPath): unknown {
    const keep = this.keepRaw(path)
    const start = this.at
    this.space()
    if (path.length > MAX_DEPTH) this.fail('JSON nested too deeply')
    const parsed = this.bareValue(path)
    if (!keep) return parsed
    this.space()
    return new RawJson(this.text.slice(start, this.at))
  }

  private bareValue(path: JsonPath): unknown {
    const char = this.text[this.at]
    if (char === '{') return this.object(path)
    if (char === '[') return this.array(path)
    if (char === '"') return this.string()
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.number()
    for (const [word, literal] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length
        return literal
      }
    }
    return this.fail('Unexpected token')
  }

  private object(path: JsonPath): Record<string, unknown> {
    // A null prototype, so a key like `__proto__` is an ordinary key.
    const result = Object.create(null) as Record<string, unknown>
    this.at++
    this.space()
    if (this.text[this.at] === '}') {
      this.at++
      return result
    }
    for (;;) {
      this.space()
      if (this.text[this.at] !== '"') this.fail('Expected a string key')
      const key = this.string()
      this.space()
      if (this.text[this.at] !== ':') this.fail('Expected ":"')
      this.at++
      // Of duplicate keys the last wins, as with JSON.parse; a kept raw value keeps its duplicates.
      result[key] = this.value([...path, key])
      this.space()
      const next = this.text[this.at++]
      if (next === '}') return result
      if (next !== ',') this.fail('Expected "," or "}"')
    }
  }

  private array(path: JsonPath): unknown[] {
    const result: unknown[] = []
    this.at++
    const first = this.at
    this.space()
    if (this.text[this.at] === ']') {
      this.at++
      return result
    }
    // The whitespace before the first item belongs to it, if it is kept.
    this.at = first
    for (;;) {
      result.push(this.value([...path, result.length]))
      this.space()
      const next = this.text[this.at++]
      if (next === ']') return result
      if (next !== ',') this.fail('Expected "," or "]"')
    }
  }

  private string(): string {
    // The closing quote is the first one not escaped; JSON.parse then checks the escapes.
    let index = this.at + 1
    while (index < this.text.length && this.text[index] !== '"') index += this.text[index] === '\\' ? 2 : 1
    if (index >= this.text.length) this.fail('Unterminated string')
    const literal = this.text.slice(this.at, index + 1)
    this.at = index + 1
    return JSON.parse(literal) as string
  }

  private number(): number {
    NUMBER.lastIndex = this.at
    const match = NUMBER.exec(this.text)
    if (!match) this.fail('Invalid number')
    this.at += match[0].length
    return Number(match[0])
  }
}

/**
 * Parses JSON like `JSON.parse`, except that every value whose path `keepRaw` accepts comes back as
 * a `RawJson` of its exact source text (nested values of a kept value are not parsed separately).
 */
export function parseJsonKeepingRaw(text: string, keepRaw: (path: JsonPath) => boolean): unknown {
  return new JsonTextParser(text, keepRaw).parseDocument()
}

/** Whether the text is exactly one JSON value (duplicate keys and any number allowed, as Postgres' json). */
export function isJsonText(text: string): boolean {
  try {
    parseJsonKeepingRaw(text, (path) => path.length === 0)
    return true
  } catch {
    return false
  }
}

/** `JSON.stringify` for plain data, with every `RawJson` written as its text. */
export function stringifyJson(value: unknown): string {
  if (value instanceof RawJson) return value.text
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map((item) => stringifyJson(item === undefined ? null : item)).join(',')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined)
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stringifyJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** A kept value as a plain one (numbers as doubles), for code that only displays it. */
export function rawJsonValue(value: unknown): unknown {
  return value instanceof RawJson ? JSON.parse(value.text) : value
}
