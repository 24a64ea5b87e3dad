import type { PgRowFilter, PgRowSort, PgTable } from '@multibase/api-contracts'
import { ChevronLeft, ChevronRight, Filter, Lock, Plus, RefreshCw } from 'lucide-react'
import { useState } from 'react'

import { Button } from 'components/ui/Button'
import { ConfirmDialog } from 'components/ui/ConfirmDialog'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { isReadOnlyLoginRequired, ReadOnlyLoginNotice } from './ReadOnlyLoginNotice'
import { Loading } from 'components/ui/Loading'
import { Select } from 'components/ui/Select'
import { toast } from 'components/ui/toast'
import { useTableQuery } from 'data/database/table-query'
import { useTableRowDeleteMutation } from 'data/database/table-row-delete-mutation'
import { useTableRowInsertMutation } from 'data/database/table-row-insert-mutation'
import { useTableRowUpdateMutation } from 'data/database/table-row-update-mutation'
import { useTableRowsQuery } from 'data/database/table-rows-query'
import { FilterBuilder } from './FilterBuilder'
import { InsertRowPanel } from './InsertRowPanel'
import { RowsGrid, type EditingCell } from './RowsGrid'
import { cellText } from './values'

const PAGE_SIZES = [25, 100, 500]

/** Sort cycles on a header click: ascending, descending, none. */
function nextSort(sort: PgRowSort[], column: string): PgRowSort[] {
  const current = sort.find((item) => item.column === column)
  if (!current) return [{ column, direction: 'asc' }]
  if (current.direction === 'asc') return [{ column, direction: 'desc' }]
  return []
}

/**
 * One table's rows: filters, sort, paging, and — for members who may write, on tables with a primary
 * key — inline editing, insert and delete, each addressed by the row's primary key.
 */
export function TableEditor({ projectRef, connectionId, table, canWrite }: { projectRef: string; connectionId: string; table: PgTable; canWrite: boolean }) {
  const [sort, setSort] = useState<PgRowSort[]>([])
  const [filters, setFilters] = useState<PgRowFilter[]>([])
  const [showFilters, setShowFilters] = useState(false)
  const [offset, setOffset] = useState(0)
  const [limit, setLimit] = useState(100)
  const [editing, setEditing] = useState<EditingCell>()
  const [deleting, setDeleting] = useState<Record<string, unknown>>()
  const [inserting, setInserting] = useState(false)

  const params = { limit, offset, sort, filters }
  const { data, error, isLoading, isValidating, mutate } = useTableRowsQuery({ ref: projectRef, connectionId, id: table.id, params })
  const detail = useTableQuery({ ref: projectRef, connectionId, id: inserting ? table.id : undefined })
  const { trigger: updateRow } = useTableRowUpdateMutation()
  const { trigger: insertRow } = useTableRowInsertMutation()
  const { trigger: deleteRow } = useTableRowDeleteMutation()

  const primaryKeys = data?.primary_keys ?? table.primary_keys.map((key) => key.name)
  const hasPrimaryKey = primaryKeys.length > 0
  const writable = canWrite && hasPrimaryKey
  const rows = data?.rows ?? []
  const columns = data?.columns ?? []
  const keyOf = (row: Record<string, unknown>) => Object.fromEntries(primaryKeys.map((key) => [key, row[key]]))

  const firstShown = rows.length ? offset + 1 : 0
  const lastShown = offset + rows.length
  const total = data?.total ?? 0
  const hasNext = data ? (data.total_is_estimate ? rows.length === limit : lastShown < total) : false

  return (
    <section aria-label={`Table ${table.schema}.${table.name}`} className="flex min-w-0 flex-1 flex-col">
      <div className="flex h-11 shrink-0 items-center justify-between gap-3 border-b border-border bg-surface px-4">
        <div className="flex min-w-0 items-center gap-2">
          <h2 className="truncate font-mono text-sm text-foreground">
            <span className="text-foreground-muted">{table.schema}.</span>
            {table.name}
          </h2>
          {!hasPrimaryKey && (
            <span className="inline-flex items-center gap-1 text-xs text-foreground-muted">
              <Lock className="h-3 w-3" aria-hidden /> read-only
            </span>
          )}
        </div>
        <div className="flex items-center gap-2">
          <Button size="tiny" icon={Filter} onClick={() => setShowFilters((shown) => !shown)} aria-pressed={showFilters}>
            {filters.length ? `Filters (${filters.length})` : 'Filter'}
          </Button>
          <Button size="tiny" icon={RefreshCw} onClick={() => void mutate()} loading={isValidating && !isLoading} aria-label="Refresh rows" />
          {writable && (
            <Button size="tiny" variant="primary" icon={Plus} onClick={() => setInserting(true)}>
              Insert row
            </Button>
          )}
        </div>
      </div>
      {showFilters && (
        <FilterBuilder
          columns={columns.length ? columns : []}
          filters={filters}
          onApply={(next) => {
            setFilters(next)
            setOffset(0)
          }}
        />
      )}
      {!hasPrimaryKey && (
        <p className="border-b border-border bg-warning-faint px-4 py-1.5 text-xs text-foreground-light">
          This table has no primary key, so a row cannot be addressed to change it: its rows are shown read-only.
        </p>
      )}
      {error && (
        <div className="p-4">
          {isReadOnlyLoginRequired(error) ? (
            <ReadOnlyLoginNotice projectRef={projectRef} />
          ) : (
            <ErrorMessage error={error} title="The rows could not be read" />
          )}
        </div>
      )}
      <div className="min-h-0 flex-1 overflow-auto">
        {isLoading ? (
          <Loading className="p-4" />
        ) : data ? (
          <>
            <RowsGrid
              columns={columns}
              rows={rows}
              sort={sort}
              onSort={(column) => {
                setSort((current) => nextSort(current, column))
                setOffset(0)
              }}
              writable={writable}
              editing={editing}
              onEdit={setEditing}
              onSaveCell={async (rowIndex, column, value) => {
                await updateRow({ ref: projectRef, connectionId, id: table.id, pk: keyOf(rows[rowIndex]), values: { [column]: value } })
                toast.success(`Saved ${column}`)
              }}
              onDelete={(rowIndex) => setDeleting(keyOf(rows[rowIndex]))}
            />
            {rows.length === 0 && <p className="px-4 py-6 text-xs text-foreground-muted">{filters.length ? 'No row matches the filters.' : 'This table has no rows.'}</p>}
          </>
        ) : null}
      </div>
      <footer className="flex h-10 shrink-0 items-center justify-between gap-3 border-t border-border bg-surface px-4 text-xs text-foreground-light">
        <span aria-live="polite" data-testid="row-range">
          {!data
            ? ''
            : rows.length
              ? `Rows ${firstShown.toLocaleString()}–${lastShown.toLocaleString()} of ${data.total_is_estimate ? '≈' : ''}${total.toLocaleString()}`
              : offset > 0
                ? `No rows past row ${offset.toLocaleString()}`
                : '0 rows'}
        </span>
        <div className="flex items-center gap-2">
          <Select
            aria-label="Rows per page"
            className="w-28"
            value={String(limit)}
            onChange={(event) => {
              setLimit(Number(event.target.value))
              setOffset(0)
            }}
            options={PAGE_SIZES.map((size) => ({ value: String(size), label: `${size} rows` }))}
          />
          <Button size="tiny" icon={ChevronLeft} aria-label="Previous page" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))} />
          <Button size="tiny" icon={ChevronRight} aria-label="Next page" disabled={!hasNext} onClick={() => setOffset(offset + limit)} />
        </div>
      </footer>
      {writable && (
        <>
          <InsertRowPanel
            open={inserting}
            tableName={`${table.schema}.${table.name}`}
            columns={detail.data?.columns}
            onClose={() => setInserting(false)}
            onInsert={async (values) => {
              await insertRow({ ref: projectRef, connectionId, id: table.id, values })
              toast.success('Row inserted')
            }}
          />
          <ConfirmDialog
            open={deleting !== undefined}
            onClose={() => setDeleting(undefined)}
            title="Delete this row?"
            description={
              <>
                The row with{' '}
                <span className="font-mono text-foreground">
                  {Object.entries(deleting ?? {})
                    .map(([key, value]) => `${key} = ${cellText(value)}`)
                    .join(', ')}
                </span>{' '}
                is deleted from {table.schema}.{table.name}. This cannot be undone.
              </>
            }
            confirmLabel="Delete row"
            onConfirm={async () => {
              if (!deleting) return
              await deleteRow({ ref: projectRef, connectionId, id: table.id, pk: deleting })
              toast.success('Row deleted')
            }}
          />
        </>
      )}
    </section>
  )
}
