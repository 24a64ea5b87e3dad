import { PostgreSQL, sql } from '@codemirror/lang-sql'
import { Prec } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import CodeMirror from '@uiw/react-codemirror'
import { useMemo, useRef } from 'react'

import { useTheme } from 'lib/theme'
import { errorMarkExtension } from './error-mark'

/**
 * The editor sits on the Studio's own surface colour in both themes, not CodeMirror's; the
 * completion list drops its type icons (glyphs many system fonts lack — the labels are enough).
 */
const surfaceTheme = EditorView.theme({
  '&': { backgroundColor: 'rgb(var(--surface))' },
  '.cm-gutters': { backgroundColor: 'rgb(var(--surface))', borderRight: '1px solid rgb(var(--border))' },
  '.cm-completionIcon': { display: 'none' },
})

/**
 * The SQL text: CodeMirror with the PostgreSQL dialect (bundled, no CDN), the error mark, and
 * Ctrl/Cmd+Enter to run. Loaded only in the browser (CodeMirror measures the DOM).
 */
export default function SqlCodeEditor({
  value,
  onChange,
  onRun,
  onCreateEditor,
  onSelectionChange,
}: {
  value: string
  onChange: (value: string) => void
  onRun: () => void
  onCreateEditor: (view: EditorView) => void
  /** Whether some text is selected (the Run button then runs only it). */
  onSelectionChange: (hasSelection: boolean) => void
}) {
  const { theme } = useTheme()
  // The keymap is built once; it calls the latest onRun through the ref.
  const runRef = useRef(onRun)
  runRef.current = onRun
  const extensions = useMemo(
    () => [
      sql({ dialect: PostgreSQL, upperCaseKeywords: true }),
      errorMarkExtension,
      Prec.highest(surfaceTheme),
      Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (runRef.current(), true), preventDefault: true }])),
      EditorView.lineWrapping,
    ],
    []
  )
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      onCreateEditor={onCreateEditor}
      onUpdate={(update) => {
        if (update.selectionSet) onSelectionChange(!update.state.selection.main.empty)
      }}
      extensions={extensions}
      theme={theme}
      height="100%"
      className="h-full text-sm"
      aria-label="SQL"
      basicSetup={{ foldGutter: false, highlightActiveLineGutter: true }}
    />
  )
}
