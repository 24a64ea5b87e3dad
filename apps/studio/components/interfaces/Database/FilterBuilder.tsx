import { PG_FILTER_OPERATORS, type PgFilterOperator, type PgRowFilter } from '@multibase/api-contracts'
import { Filter, Plus, X } from 'lucide-react'
import { useState, type FormEvent } from 'react'

import { Button } from 'components/ui/Button'
import { Input } from 'components/ui/Input'
import { Select } from 'components/ui/Select'

const OPERATOR_LABELS: Record<PgFilterOperator, string> = {
  eq: '= equals',
  neq: '<> not equal',
  gt: '> greater than',
  gte: '>= at least',
  lt: '< less than',
  lte: '<= at most',
  like: 'like (pattern)',
  ilike: 'ilike (any case)',
  is: 'is',
  in: 'in (list)',
}

const IS_VALUES = ['null', 'not_null', 'true', 'false']

interface DraftFilter {
  column: string
  operator: PgFilterOperator
  value: string
}

/** `[1,2]` or `a, b` into the list the `in` operator takes. */
function parseInList(text: string): string[] | undefined {
  const trimmed = text.trim()
  if (trimmed.startsWith('[')) {
    try {
      const list: unknown = JSON.parse(trimmed)
      if (Array.isArray(list) && list.length > 0 && list.every((item) => typeof item !== 'object' || item === null)) return list.map(String)
    } catch {
      return undefined
    }
    return undefined
  }
  const items = trimmed.split(',').map((item) => item.trim()).filter(Boolean)
  return items.length ? items : undefined
}

function toDraft(filter: PgRowFilter): DraftFilter {
  return { column: filter.column, operator: filter.operator, value: Array.isArray(filter.value) ? JSON.stringify(filter.value) : filter.value }
}

/**
 * The filter builder: column, operator, value rows, all of which must match (the API's
 * `filter=column:op:value`). Applied on submit, so typing does not refetch on every key.
 */
export function FilterBuilder({ columns, filters, onApply }: { columns: Array<{ name: string; type: string }>; filters: PgRowFilter[]; onApply: (filters: PgRowFilter[]) => void }) {
  const [drafts, setDrafts] = useState<DraftFilter[]>(() => filters.map(toDraft))
  const [error, setError] = useState<string>()

  const update = (index: number, change: Partial<DraftFilter>) =>
    setDrafts((current) =>
      current.map((draft, at) => {
        if (at !== index) return draft
        const next = { ...draft, ...change }
        if (change.operator === 'is' && !IS_VALUES.includes(next.value)) next.value = 'null'
        if (change.operator && change.operator !== 'is' && draft.operator === 'is') next.value = ''
        return next
      })
    )

  const apply = (event?: FormEvent) => {
    event?.preventDefault()
    const built: PgRowFilter[] = []
    for (const draft of drafts) {
      if (draft.operator === 'in') {
        const list = parseInList(draft.value)
        if (!list) return setError(`The in filter on ${draft.column} takes a list: a, b, c or a JSON array ["a","b"]`)
        built.push({ column: draft.column, operator: 'in', value: list })
      } else {
        built.push({ column: draft.column, operator: draft.operator, value: draft.value })
      }
    }
    setError(undefined)
    onApply(built)
  }

  const add = () => setDrafts((current) => [...current, { column: columns[0]?.name ?? '', operator: 'eq', value: '' }])

  return (
    <form onSubmit={apply} aria-label="Filters" className="flex flex-col gap-2 border-b border-border bg-surface px-4 py-2">
      {drafts.map((draft, index) => (
        <div key={index} className="flex items-center gap-2" data-testid="filter-row">
          <span className="w-10 text-right text-xxs uppercase text-foreground-muted">{index === 0 ? 'where' : 'and'}</span>
          <Select
            aria-label="Filter column"
            className="w-52 shrink-0"
            value={draft.column}
            onChange={(event) => update(index, { column: event.target.value })}
            options={columns.map((column) => ({ value: column.name, label: `${column.name} · ${column.type}` }))}
          />
          <Select
            aria-label="Filter operator"
            className="w-44 shrink-0"
            value={draft.operator}
            onChange={(event) => update(index, { operator: event.target.value as PgFilterOperator })}
            options={PG_FILTER_OPERATORS.map((operator) => ({ value: operator, label: OPERATOR_LABELS[operator] }))}
          />
          {draft.operator === 'is' ? (
            <Select
              aria-label="Filter value"
              className="w-44 shrink-0"
              value={draft.value}
              onChange={(event) => update(index, { value: event.target.value })}
              options={IS_VALUES.map((value) => ({ value, label: value.replace('_', ' ') }))}
            />
          ) : (
            <Input
              aria-label="Filter value"
              className="h-8 max-w-xs font-mono text-xs"
              value={draft.value}
              placeholder={draft.operator === 'in' ? 'a, b, c  or  [1,2,3]' : draft.operator.endsWith('like') ? '%text%' : 'value'}
              onChange={(event) => update(index, { value: event.target.value })}
            />
          )}
          <Button variant="ghost" size="tiny" icon={X} aria-label="Remove filter" onClick={() => setDrafts((current) => current.filter((_, at) => at !== index))} />
        </div>
      ))}
      {error && (
        <p role="alert" className="text-xs text-destructive">
          {error}
        </p>
      )}
      <div className="flex items-center gap-2">
        <Button size="tiny" icon={Plus} onClick={add} disabled={!columns.length}>
          Add filter
        </Button>
        <Button size="tiny" type="submit" variant="primary" icon={Filter}>
          Apply filters
        </Button>
        {filters.length > 0 && (
          <Button
            size="tiny"
            variant="ghost"
            onClick={() => {
              setDrafts([])
              setError(undefined)
              onApply([])
            }}
          >
            Clear
          </Button>
        )}
      </div>
    </form>
  )
}
