import type { PgValueColumn } from '@multibase/api-contracts'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'

import { Button } from 'components/ui/Button'
import { editableText, editsAsJson, parseEditedValue } from './values'

/**
 * Edits one cell in place: Enter saves (Ctrl/Cmd+Enter for JSON, where Enter is a new line), Escape
 * cancels, "Set NULL" stores NULL. The value goes to the server as the API takes it (JSON for
 * json/jsonb and arrays, kept as typed; text for the rest); a refusal stays shown here.
 */
export function CellEditor({
  column: { name: column, type, ...codec },
  value,
  onSave,
  onCancel,
}: {
  column: PgValueColumn
  value: unknown
  onSave: (value: unknown) => Promise<void>
  onCancel: () => void
}) {
  const json = editsAsJson(type, codec)
  const [text, setText] = useState(() => editableText(value, json))
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const inputRef = useRef<HTMLTextAreaElement & HTMLInputElement>(null)

  useEffect(() => {
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [])

  const save = async (next: { value: unknown } | undefined) => {
    const parsed = next ? { ok: true as const, value: next.value } : parseEditedValue(text, type, codec)
    if (!parsed.ok) return setError(parsed.message)
    setBusy(true)
    setError(undefined)
    try {
      await onSave(parsed.value)
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught))
      setBusy(false)
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onCancel()
    } else if (event.key === 'Enter' && (!json || event.metaKey || event.ctrlKey)) {
      event.preventDefault()
      void save(undefined)
    }
  }

  const inputClass =
    'w-full rounded border border-brand bg-surface px-2 py-1 font-mono text-xs text-foreground focus:outline-none focus:ring-1 focus:ring-brand'

  return (
    <div
      role="dialog"
      aria-label={`Edit ${column}`}
      className="absolute left-0 top-0 z-20 flex w-80 flex-col gap-2 rounded-md border border-border-strong bg-surface-overlay p-2 shadow-lg"
      onClick={(event) => event.stopPropagation()}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      <div className="flex items-center justify-between text-xxs text-foreground-muted">
        <span className="font-mono">{column}</span>
        <span className="font-mono">{type}</span>
      </div>
      {json ? (
        <textarea ref={inputRef} aria-label={`Value of ${column}`} rows={6} value={text} onChange={(event) => setText(event.target.value)} onKeyDown={onKeyDown} className={inputClass} />
      ) : (
        <input ref={inputRef} aria-label={`Value of ${column}`} value={text} onChange={(event) => setText(event.target.value)} onKeyDown={onKeyDown} className={inputClass} />
      )}
      {error && (
        <p role="alert" className="break-words text-xs text-destructive">
          {error}
        </p>
      )}
      <div className="flex items-center justify-between gap-2">
        <span className="text-xxs text-foreground-muted">{json ? 'Ctrl+Enter saves' : 'Enter saves'} · Esc cancels</span>
        <div className="flex gap-1">
          <Button size="tiny" variant="ghost" onClick={() => void save({ value: null })} disabled={busy}>
            Set NULL
          </Button>
          <Button size="tiny" variant="primary" onClick={() => void save(undefined)} loading={busy}>
            Save
          </Button>
        </div>
      </div>
    </div>
  )
}
