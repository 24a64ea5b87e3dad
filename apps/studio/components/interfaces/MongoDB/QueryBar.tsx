import { MONGODB_PAGE_MAX_LIMIT } from '@multibase/api-contracts'
import clsx from 'clsx'
import { History, Play, RotateCcw } from 'lucide-react'
import { useState, type KeyboardEvent } from 'react'

import { Button } from 'components/ui/Button'
import { Input } from 'components/ui/Input'
import { checkQueryDocument } from './ejson'
import type { HistoryEntry } from './useQueryHistory'

export interface QueryBarValues {
  filter: string
  projection: string
  sort: string
  skip: string
  limit: string
}

export const EMPTY_QUERY: QueryBarValues = { filter: '', projection: '', sort: '', skip: '0', limit: '50' }

/** Every field's problem, or none: the same checks the API runs, while the user types. */
export function queryProblems(values: QueryBarValues): Partial<Record<keyof QueryBarValues, string>> {
  const problems: Partial<Record<keyof QueryBarValues, string>> = {}
  for (const field of ['filter', 'projection', 'sort'] as const) {
    const check = checkQueryDocument(values[field], field)
    if (!check.ok) problems[field] = check.operator ? `${check.message}. Server-side JavaScript is refused: it would run arbitrary code on the database server.` : check.message
  }
  const skip = Number(values.skip)
  if (!/^\d+$/.test(values.skip.trim()) || !Number.isSafeInteger(skip)) problems.skip = 'skip must be a whole number, 0 or more'
  const limit = Number(values.limit)
  if (!/^\d+$/.test(values.limit.trim()) || limit < 1 || limit > MONGODB_PAGE_MAX_LIMIT) problems.limit = `limit must be between 1 and ${MONGODB_PAGE_MAX_LIMIT}`
  return problems
}

function Field({
  label,
  value,
  onChange,
  onEnter,
  placeholder,
  invalid,
  className,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  onEnter: () => void
  placeholder: string
  invalid: boolean
  className?: string
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      onEnter()
    }
  }
  return (
    <label className={clsx('flex min-w-0 items-center overflow-hidden rounded-md border bg-surface', invalid ? 'border-destructive' : 'border-border-strong', className)}>
      <span className="shrink-0 border-r border-border bg-surface-raised px-2 py-1.5 font-mono text-xxs uppercase tracking-wide text-foreground-muted">{label}</span>
      <Input
        aria-label={label}
        aria-invalid={invalid || undefined}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        className="h-7 rounded-none border-0 font-mono text-xs focus:ring-0"
      />
    </label>
  )
}

/** Compass's query bar: filter, projection, sort, skip and limit in EJSON, checked as they are typed. */
export function QueryBar({
  values,
  onChange,
  onRun,
  onReset,
  history,
  running,
}: {
  values: QueryBarValues
  onChange: (values: QueryBarValues) => void
  onRun: () => void
  onReset: () => void
  history: { entries: HistoryEntry[]; clear: () => void; apply: (entry: HistoryEntry) => void }
  running: boolean
}) {
  const [showHistory, setShowHistory] = useState(false)
  const problems = queryProblems(values)
  const messages = Object.entries(problems)
  const set = (field: keyof QueryBarValues) => (value: string) => onChange({ ...values, [field]: value })
  const run = () => {
    if (messages.length === 0) onRun()
  }

  return (
    <div className="flex flex-col gap-2 rounded-md border border-border bg-surface p-2">
      <div className="flex items-center gap-2">
        <Field label="Filter" value={values.filter} onChange={set('filter')} onEnter={run} placeholder='{ "field": "value" }' invalid={!!problems.filter} className="flex-1" />
        <Button variant="primary" icon={Play} onClick={run} disabled={messages.length > 0} loading={running}>
          Find
        </Button>
        <Button icon={RotateCcw} onClick={onReset}>
          Reset
        </Button>
        <div className="relative">
          <Button icon={History} onClick={() => setShowHistory((shown) => !shown)} aria-expanded={showHistory}>
            History
          </Button>
          {showHistory && (
            <div role="menu" aria-label="Query history" className="absolute right-0 top-8 z-20 flex max-h-80 w-[28rem] flex-col overflow-auto rounded-md border border-border-strong bg-surface-overlay p-1 shadow-xl">
              {history.entries.length === 0 ? (
                <p className="p-2 text-xs text-foreground-muted">No queries run on this collection yet.</p>
              ) : (
                <>
                  {history.entries.map((entry) => (
                    <button
                      key={`${entry.at}-${entry.filter}`}
                      type="button"
                      role="menuitem"
                      onClick={() => {
                        history.apply(entry)
                        setShowHistory(false)
                      }}
                      className="flex flex-col gap-0.5 rounded px-2 py-1.5 text-left hover:bg-surface-raised"
                    >
                      <span className="truncate font-mono text-xs text-foreground">{entry.filter || '{}'}</span>
                      <span className="truncate font-mono text-xxs text-foreground-muted">
                        {[entry.projection && `project ${entry.projection}`, entry.sort && `sort ${entry.sort}`, `skip ${entry.skip}`, `limit ${entry.limit}`]
                          .filter(Boolean)
                          .join(' · ')}{' '}
                        · {new Date(entry.at).toLocaleString()}
                      </span>
                    </button>
                  ))}
                  <button type="button" onClick={history.clear} className="rounded px-2 py-1.5 text-left text-xs text-destructive hover:bg-surface-raised">
                    Clear history
                  </button>
                </>
              )}
            </div>
          )}
        </div>
      </div>
      <div className="flex items-center gap-2">
        <Field label="Project" value={values.projection} onChange={set('projection')} onEnter={run} placeholder='{ "field": 1 }' invalid={!!problems.projection} className="flex-1" />
        <Field label="Sort" value={values.sort} onChange={set('sort')} onEnter={run} placeholder='{ "field": -1 }' invalid={!!problems.sort} className="flex-1" />
        <Field label="Skip" value={values.skip} onChange={set('skip')} onEnter={run} placeholder="0" invalid={!!problems.skip} className="w-32" />
        <Field label="Limit" value={values.limit} onChange={set('limit')} onEnter={run} placeholder="50" invalid={!!problems.limit} className="w-32" />
      </div>
      {messages.length > 0 && (
        <ul role="alert" aria-label="Query problems" className="flex flex-col gap-0.5 px-1 text-xs text-destructive">
          {messages.map(([field, message]) => (
            <li key={field}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
