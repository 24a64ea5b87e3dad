import type { PgTable } from '@multibase/api-contracts'
import { useVirtualizer } from '@tanstack/react-virtual'
import clsx from 'clsx'
import { Search, Table2 } from 'lucide-react'
import { useDeferredValue, useMemo, useRef, useState } from 'react'

import { Input } from 'components/ui/Input'
import { Select } from 'components/ui/Select'

const ROW_HEIGHT = 28

/**
 * Schema picker and the tables of the chosen schema. The list is virtualised and the search is
 * deferred, so a schema of thousands of tables renders and filters without blocking typing.
 */
export function TableList({
  tables,
  schema,
  onSchemaChange,
  selectedId,
  onSelect,
}: {
  tables: PgTable[]
  schema: string
  onSchemaChange: (schema: string) => void
  selectedId: number | undefined
  onSelect: (table: PgTable) => void
}) {
  const [search, setSearch] = useState('')
  const deferredSearch = useDeferredValue(search)
  const scrollRef = useRef<HTMLDivElement>(null)

  const schemas = useMemo(() => {
    const names = new Set(tables.map((table) => table.schema))
    names.add(schema)
    return [...names].sort((a, b) => a.localeCompare(b))
  }, [tables, schema])

  const visible = useMemo(() => {
    const needle = deferredSearch.trim().toLowerCase()
    return tables
      .filter((table) => table.schema === schema && (!needle || table.name.toLowerCase().includes(needle)))
      .sort((a, b) => a.name.localeCompare(b.name))
  }, [tables, schema, deferredSearch])

  const inSchema = useMemo(() => tables.filter((table) => table.schema === schema).length, [tables, schema])

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })

  return (
    <aside aria-label="Tables" className="flex w-64 shrink-0 flex-col border-r border-border bg-surface">
      <div className="flex flex-col gap-2 border-b border-border p-3">
        <label className="flex flex-col gap-1 text-xxs font-medium uppercase tracking-wide text-foreground-muted">
          Schema
          <Select
            aria-label="Schema"
            value={schema}
            onChange={(event) => onSchemaChange(event.target.value)}
            options={schemas.map((name) => ({ value: name, label: name }))}
          />
        </label>
        <div className="relative">
          <Search className="pointer-events-none absolute left-2 top-1/2 h-3.5 w-3.5 -translate-y-1/2 text-foreground-muted" aria-hidden />
          <Input
            aria-label="Search tables"
            placeholder="Search tables"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            className="h-7 pl-7 text-xs"
          />
        </div>
        <p className="text-xxs text-foreground-muted" aria-live="polite">
          {deferredSearch.trim() ? `${visible.length.toLocaleString()} of ${inSchema.toLocaleString()} tables` : `${inSchema.toLocaleString()} tables`}
        </p>
      </div>
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto" data-testid="table-list">
        {visible.length === 0 ? (
          <p className="px-3 py-4 text-xs text-foreground-muted">{inSchema ? 'No table matches the search.' : 'This schema has no tables.'}</p>
        ) : (
          <ul className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const table = visible[item.index]
              const active = table.id === selectedId
              return (
                <li key={table.id} className="absolute left-0 w-full px-2" style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
                  <button
                    type="button"
                    onClick={() => onSelect(table)}
                    aria-current={active ? 'true' : undefined}
                    title={`${table.schema}.${table.name}`}
                    className={clsx(
                      'flex h-full w-full items-center gap-2 rounded-md px-2 text-left text-xs',
                      active ? 'bg-surface-raised font-medium text-foreground' : 'text-foreground-light hover:bg-surface-raised/60 hover:text-foreground'
                    )}
                  >
                    <Table2 className={clsx('h-3.5 w-3.5 shrink-0', active ? 'text-brand' : 'text-foreground-muted')} aria-hidden />
                    <span className="min-w-0 flex-1 truncate font-mono">{table.name}</span>
                    {table.primary_keys.length === 0 && (
                      <span className="text-xxs text-foreground-muted" title="No primary key: read-only">
                        no pk
                      </span>
                    )}
                  </button>
                </li>
              )
            })}
          </ul>
        )}
      </div>
    </aside>
  )
}
