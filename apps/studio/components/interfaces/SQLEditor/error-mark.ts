import { StateEffect, StateField, type Extension } from '@codemirror/state'
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view'

/**
 * Where in the editor Postgres' 1-based character `position` falls, for SQL that was sent from
 * `sentFrom` (the selection's start, or 0 for the whole text). Postgres counts characters (code
 * points); the editor counts UTF-16 units.
 */
export function errorOffset(sent: string, sentFrom: number, position: number): number {
  const before = [...sent].slice(0, Math.max(0, position - 1)).join('')
  return sentFrom + before.length
}

/** 1-based line and column of an editor offset, for the message under the editor. */
export function lineAndColumn(doc: string, offset: number): { line: number; column: number } {
  const before = doc.slice(0, offset).split('\n')
  return { line: before.length, column: [...(before[before.length - 1] ?? '')].length + 1 }
}

export const setErrorMark = StateEffect.define<number | null>()

const errorMark = Decoration.mark({ class: 'cm-sql-error', attributes: { title: 'Postgres reported the error here' } })

/** The range to underline: the word or symbol starting at the offset (the last character at the end of the text). */
function markRange(doc: string, offset: number): { from: number; to: number } | undefined {
  if (!doc.length) return undefined
  const from = Math.min(offset, doc.length - 1)
  const token = /^(\w+|"[^"]*"?|'[^']*'?|\S)/.exec(doc.slice(from))
  return { from, to: from + (token ? token[0].length : 1) }
}

const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    // Editing the text clears the mark: it points at text that may no longer be there.
    let next = transaction.docChanged ? Decoration.none : marks
    for (const effect of transaction.effects) {
      if (!effect.is(setErrorMark)) continue
      const range = effect.value === null ? undefined : markRange(transaction.state.doc.toString(), effect.value)
      next = range ? Decoration.set([errorMark.range(range.from, range.to)]) : Decoration.none
    }
    return next
  },
  provide: (field) => EditorView.decorations.from(field),
})

const errorTheme = EditorView.baseTheme({
  '.cm-sql-error': {
    textDecoration: 'underline wavy rgb(229 72 77)',
    textUnderlineOffset: '3px',
    backgroundColor: 'rgb(229 72 77 / 0.18)',
  },
})

export const errorMarkExtension: Extension = [errorField, errorTheme]
