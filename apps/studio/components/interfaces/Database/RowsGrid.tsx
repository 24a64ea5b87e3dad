import { RawJson, type PgRowSort, type PgValueColumn } from '@multibase/api-contracts'
import clsx from 'clsx'
import { ArrowDown, ArrowUp, ArrowUpDown, Trash2 } from 'lucide-react'

import { CellEditor } from './CellEditor'
import { cellText, editsAsJson } from './values'

export interface EditingCell {
  rowIndex: number
  column: string
}

/**
 * One page of rows: a header per column with its type (click to sort), values as text, NULL apart.
 * When the rows can be written, a double-click edits a cell in place and each row has a delete button.
 */
export function RowsGrid({
  columns,
  rows,
  sort,
  onSort,
  writable,
  editing,
  onEdit,
  onSaveCell,
  onDelete,
}: {
  columns: PgValueColumn[]
  rows: Array<Record<string, unknown>>
  sort: PgRowSort[]
  onSort: (column: string) => void
  writable: boolean
  editing: EditingCell | undefined
  onEdit: (cell: EditingCell | undefined) => void
  onSaveCell: (rowIndex: number, column: string, value: unknown) => Promise<void>
  onDelete: (rowIndex: number) => void
}) {
  return (
    <table className="w-max min-w-full border-separate border-spacing-0 text-left text-xs" aria-label="Rows">
      <thead className="sticky top-0 z-10">
        <tr>
          {writable && <th className="w-8 border-b border-r border-border bg-surface-raised" aria-label="Row actions" />}
          {columns.map((column) => {
            const sorted = sort.find((item) => item.column === column.name)
            const SortIcon = sorted ? (sorted.direction === 'asc' ? ArrowUp : ArrowDown) : ArrowUpDown
            return (
              <th
                key={column.name}
                aria-sort={sorted ? (sorted.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                className="border-b border-r border-border bg-surface-raised p-0 font-normal"
              >
                <button
                  type="button"
                  onClick={() => onSort(column.name)}
                  className="flex w-full min-w-[8rem] items-center justify-between gap-3 px-3 py-1.5 text-left hover:bg-border/50"
                  title={`Sort by ${column.name}`}
                >
                  <span className="flex min-w-0 flex-col">
                    <span className="truncate font-mono text-xs font-medium text-foreground">{column.name}</span>
                    <span className="truncate font-mono text-xxs text-foreground-muted" data-testid="column-type">
                      {column.type}
                    </span>
                  </span>
                  <SortIcon className={clsx('h-3 w-3 shrink-0', sorted ? 'text-brand' : 'text-foreground-muted')} aria-hidden />
                </button>
              </th>
            )
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, rowIndex) => (
          <tr key={rowIndex} className="group hover:bg-surface-raised/60" data-testid="row">
            {writable && (
              <td className="border-b border-r border-border px-1 text-center">
                <button
                  type="button"
                  aria-label={`Delete row ${rowIndex + 1}`}
                  title="Delete row"
                  onClick={() => onDelete(rowIndex)}
                  className="rounded p-0.5 text-foreground-muted opacity-60 hover:bg-destructive-faint hover:text-destructive group-hover:opacity-100"
                >
                  <Trash2 className="h-3.5 w-3.5" aria-hidden />
                </button>
              </td>
            )}
            {columns.map((column) => {
              const value = row[column.name]
              const isEditing = editing?.rowIndex === rowIndex && editing.column === column.name
              const text = cellText(value, editsAsJson(column.type, column))
              // The tooltip shows documents and arrays in full; the cell keeps one line.
              const fullText = value !== null && typeof value === 'object' && !(value instanceof RawJson) ? JSON.stringify(value, null, 2) : text
              return (
                <td
                  key={column.name}
                  className={clsx('relative max-w-[20rem] border-b border-r border-border px-3 py-1.5 align-top', writable && 'cursor-cell')}
                  onDoubleClick={writable ? () => onEdit({ rowIndex, column: column.name }) : undefined}
                  title={writable ? `${fullText}\n(double-click to edit)` : fullText}
                  data-column={column.name}
                >
                  {value === null || value === undefined ? (
                    <span className="font-mono text-xxs italic text-foreground-muted">NULL</span>
                  ) : (
                    <span className="block truncate font-mono text-foreground">{text}</span>
                  )}
                  {isEditing && (
                    <CellEditor
                      column={column}
                      value={value}
                      onCancel={() => onEdit(undefined)}
                      onSave={async (next) => {
                        await onSaveCell(rowIndex, column.name, next)
                        onEdit(undefined)
                      }}
                    />
                  )}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
