import type { EditorView } from '@codemirror/view'
import { Clock, Info, Play, ShieldCheck, TriangleAlert } from 'lucide-react'
import dynamic from 'next/dynamic'
import { useCallback, useEffect, useRef, useState } from 'react'

import { isReadOnlyLoginRequired, ReadOnlyLoginNotice } from 'components/interfaces/Database/ReadOnlyLoginNotice'
import { Button } from 'components/ui/Button'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { ResponseError } from 'data/fetchers'
import { useSqlRunMutation, type SqlRunData } from 'data/database/sql-run-mutation'
import { useProjectPermissions } from 'hooks/useProjectPermissions'
import { errorOffset, lineAndColumn, setErrorMark } from './error-mark'
import { ResultsGrid } from './ResultsGrid'

const SqlCodeEditor = dynamic(() => import('./SqlCodeEditor'), { ssr: false, loading: () => <Loading className="p-4" /> })

const DEFAULT_SQL = 'select now();\n'
const storageKey = (ref: string) => `multibase.sql.${ref}`

type Outcome =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'ok'; result: SqlRunData; ranSelection: boolean }
  | { state: 'error'; error: unknown; at?: { line: number; column: number }; timeoutMs?: number }

/**
 * Database → SQL editor: run the selection (or everything), see the rows with their types, or the
 * error at its place in the text. A read_only member's SQL runs under the connection's read-only login, in a READ ONLY transaction.
 */
export function SqlEditorView({ projectRef, connectionId }: { projectRef: string; connectionId: string }) {
  const { role } = useProjectPermissions(projectRef)
  const readOnlyRole = role === 'read_only'
  const [text, setText] = useState(DEFAULT_SQL)
  const [timeoutSeconds, setTimeoutSeconds] = useState('')
  const [hasSelection, setHasSelection] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' })
  const viewRef = useRef<EditorView | undefined>(undefined)
  const { trigger } = useSqlRunMutation()

  useEffect(() => {
    try {
      const stored = window.localStorage.getItem(storageKey(projectRef))
      if (stored) setText(stored)
    } catch {
      // Storage may be refused (private windows); the editor starts from the default text.
    }
  }, [projectRef])

  const onChange = (value: string) => {
    setText(value)
    try {
      window.localStorage.setItem(storageKey(projectRef), value)
    } catch {
      // Not kept across reloads then; nothing else depends on it.
    }
  }

  const run = useCallback(async () => {
    const view = viewRef.current
    if (!view) return
    const doc = view.state.doc.toString()
    const selection = view.state.selection.main
    const ranSelection = !selection.empty
    const from = ranSelection ? selection.from : 0
    const query = ranSelection ? doc.slice(selection.from, selection.to) : doc
    if (!query.trim()) return
    view.dispatch({ effects: setErrorMark.of(null) })
    setOutcome({ state: 'running' })
    const seconds = Number(timeoutSeconds)
    const timeoutMs = timeoutSeconds && seconds > 0 ? Math.round(seconds * 1000) : undefined
    try {
      const result = await trigger({ ref: projectRef, connectionId, query, timeoutMs })
      setOutcome({ state: 'ok', result, ranSelection })
    } catch (error) {
      const position = error instanceof ResponseError && typeof error.details?.position === 'number' ? error.details.position : undefined
      if (position !== undefined && viewRef.current) {
        const offset = Math.min(errorOffset(query, from, position), viewRef.current.state.doc.length)
        viewRef.current.dispatch({ effects: setErrorMark.of(offset), selection: { anchor: offset }, scrollIntoView: true })
        setOutcome({ state: 'error', error, at: lineAndColumn(viewRef.current.state.doc.toString(), offset), timeoutMs })
      } else {
        setOutcome({ state: 'error', error, timeoutMs })
      }
    }
  }, [connectionId, projectRef, timeoutSeconds, trigger])

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex h-10 shrink-0 items-center justify-between gap-3 border-b border-border bg-surface px-4">
        <div className="flex items-center gap-2">
          <Button size="tiny" variant="primary" icon={Play} onClick={() => void run()} loading={outcome.state === 'running'}>
            {hasSelection ? 'Run selection' : 'Run'}
          </Button>
          <span className="text-xxs text-foreground-muted">Ctrl/Cmd+Enter</span>
        </div>
        <div className="flex items-center gap-3">
          {readOnlyRole && (
            <span className="inline-flex items-center gap-1 text-xs text-foreground-light" data-testid="read-only-notice">
              <ShieldCheck className="h-3.5 w-3.5 text-warning" aria-hidden /> Your role runs SQL read-only (the connection's read-only login, one statement, READ ONLY transaction)
            </span>
          )}
          <label className="flex items-center gap-1.5 text-xs text-foreground-light">
            <Clock className="h-3.5 w-3.5 text-foreground-muted" aria-hidden />
            Timeout (s)
            <input
              aria-label="Timeout in seconds"
              inputMode="decimal"
              placeholder="default"
              value={timeoutSeconds}
              onChange={(event) => setTimeoutSeconds(event.target.value.replace(/[^0-9.]/g, ''))}
              className="h-6 w-16 rounded border border-border-strong bg-surface px-1.5 text-xs text-foreground placeholder:text-foreground-muted focus:border-brand focus:outline-none"
            />
          </label>
        </div>
      </div>
      <div className="h-[38%] min-h-[8rem] shrink-0 overflow-hidden border-b border-border" data-testid="sql-editor">
        <SqlCodeEditor
          value={text}
          onChange={onChange}
          onRun={() => void run()}
          onSelectionChange={setHasSelection}
          onCreateEditor={(view) => {
            viewRef.current = view
          }}
        />
      </div>
      <ResultPanel outcome={outcome} projectRef={projectRef} />
    </div>
  )
}

const countOf = (count: number, noun: string) => `${count.toLocaleString()} ${noun}${count === 1 ? '' : 's'}`

function ResultPanel({ outcome, projectRef }: { outcome: Outcome; projectRef: string }) {
  if (outcome.state === 'idle') {
    return <p className="px-4 py-3 text-xs text-foreground-muted">Run a statement to see its result here.</p>
  }
  if (outcome.state === 'running') return <Loading className="px-4 py-3" label="Running…" />
  if (outcome.state === 'error' && isReadOnlyLoginRequired(outcome.error)) {
    return (
      <div className="min-h-0 flex-1 overflow-auto p-4">
        <ReadOnlyLoginNotice projectRef={projectRef} />
      </div>
    )
  }
  if (outcome.state === 'error') return <SqlErrorPanel error={outcome.error} at={outcome.at} timeoutMs={outcome.timeoutMs} />

  const { result, ranSelection } = outcome
  const shown = result.rows.length
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-1 border-b border-border bg-surface px-4 py-1.5 text-xs text-foreground-light" data-testid="result-summary">
        <span className="font-mono">{result.command ?? 'OK'}</span>
        <span>{result.fields.length ? countOf(result.rowCount ?? shown, 'row') : `${countOf(result.rowCount ?? 0, 'row')} affected`}</span>
        <span>{result.durationMs.toLocaleString()} ms</span>
        {ranSelection && <span>selection</span>}
        {result.readOnly && (
          <span className="inline-flex items-center gap-1">
            <ShieldCheck className="h-3.5 w-3.5 text-warning" aria-hidden /> ran READ ONLY
          </span>
        )}
      </div>
      {result.truncated && (
        <p role="status" className="flex shrink-0 items-center gap-1.5 border-b border-border bg-warning-faint px-4 py-1.5 text-xs text-foreground">
          <TriangleAlert className="h-3.5 w-3.5 text-warning" aria-hidden />
          {result.truncatedReason === 'max_bytes'
            ? `Showing the first ${shown.toLocaleString()} rows: the result passed this server's ${(result.limits.maxBytes / 1048576).toLocaleString()} MB cap.`
            : `Showing the first ${shown.toLocaleString()} of ${(result.rowCount ?? shown).toLocaleString()} rows: this server returns at most ${result.limits.maxRows.toLocaleString()} rows.`}{' '}
          Add a LIMIT or narrow the query to see the rest.
        </p>
      )}
      {result.fields.length ? (
        <ResultsGrid result={result} />
      ) : (
        <p className="flex items-center gap-1.5 px-4 py-3 text-xs text-foreground-light">
          <Info className="h-3.5 w-3.5 text-foreground-muted" aria-hidden /> The statement returned no rows.
        </p>
      )}
    </div>
  )
}

/** The error as Postgres formats it (LINE n with a caret), with where it is in the editor; a timeout says so plainly. */
function SqlErrorPanel({ error, at, timeoutMs }: { error: unknown; at?: { line: number; column: number }; timeoutMs?: number }) {
  const responseError = error instanceof ResponseError ? error : undefined
  const formatted = typeof responseError?.details?.formattedError === 'string' ? responseError.details.formattedError : undefined
  const timeout = responseError?.code === 'QUERY_TIMEOUT'
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2 overflow-auto p-4" data-testid="sql-error">
      {timeout ? (
        <ErrorMessage
          error={error}
          title={`Timed out ${timeoutMs ? `after ${(timeoutMs / 1000).toLocaleString()} s` : "at the server's default limit"}: raise the timeout, or narrow the query (a LIMIT, an index).`}
        />
      ) : (
        <ErrorMessage error={error} title={at ? `Error at line ${at.line}, column ${at.column}` : 'The query failed'} />
      )}
      {formatted && !timeout && (
        <pre className="overflow-x-auto rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs text-foreground" aria-label="Postgres error">
          {formatted}
        </pre>
      )}
    </div>
  )
}
