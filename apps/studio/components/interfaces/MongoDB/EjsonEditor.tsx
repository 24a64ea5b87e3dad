import { json } from '@codemirror/lang-json'
import { EditorView } from '@codemirror/view'
import CodeMirror from '@uiw/react-codemirror'
import { useMemo } from 'react'

import { useTheme } from 'lib/theme'

/** CodeMirror with JSON highlighting (bundled), themed like the Studio; used for documents and stages. */
export function EjsonEditor({
  value,
  onChange,
  label,
  minHeight = '120px',
  maxHeight,
  readOnly = false,
}: {
  value: string
  onChange?: (value: string) => void
  /** The accessible name of the editable text. */
  label: string
  minHeight?: string
  maxHeight?: string
  readOnly?: boolean
}) {
  const { theme } = useTheme()
  const extensions = useMemo(() => [json(), EditorView.contentAttributes.of({ 'aria-label': label }), EditorView.lineWrapping], [label])
  return (
    <div className="overflow-hidden rounded-md border border-border-strong text-xs">
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        theme={theme}
        minHeight={minHeight}
        maxHeight={maxHeight}
        readOnly={readOnly}
        basicSetup={{ lineNumbers: true, foldGutter: false, highlightActiveLine: !readOnly, autocompletion: false }}
      />
    </div>
  )
}
