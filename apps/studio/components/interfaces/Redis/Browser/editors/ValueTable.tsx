import { Check, Pencil, Trash2, X } from 'lucide-react'
import { useState } from 'react'

import { Button } from 'components/ui/Button'
import { Input } from 'components/ui/Input'
import { Table, Td, Th, Tr } from 'components/ui/Table'

export interface ValueColumn {
  label: string
  /** The cell can be changed inline. */
  editable?: boolean
  className?: string
}

export interface ValueRow {
  id: string
  cells: string[]
  /** Names the row in button labels ("Edit field name"). */
  label: string
}

/** Long cells are cut for display (the table must stay light even when one value is megabytes). */
const CELL_DISPLAY_CHARS = 300

/**
 * One page of a collection value as a dense table with inline edit and delete per row. Writes are
 * awaited; the row stays in edit mode when one fails (the caller toasts the error).
 */
export function ValueTable({
  columns,
  rows,
  canWrite,
  onSave,
  onDelete,
  emptyText = 'No elements on this page.',
}: {
  columns: ValueColumn[]
  rows: ValueRow[]
  canWrite: boolean
  onSave?: (row: ValueRow, cells: string[]) => Promise<boolean>
  onDelete?: (row: ValueRow) => Promise<boolean>
  emptyText?: string
}) {
  const [editing, setEditing] = useState<{ id: string; cells: string[] }>()
  const [busy, setBusy] = useState<string>()
  const hasActions = canWrite && (onSave || onDelete)

  const run = async (id: string, action: () => Promise<boolean>, after?: () => void) => {
    setBusy(id)
    try {
      if (await action()) after?.()
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <Table>
      <thead>
        <Tr>
          {columns.map((column) => (
            <Th key={column.label} className={column.className}>
              {column.label}
            </Th>
          ))}
          {hasActions && <Th className="w-20 text-right">Actions</Th>}
        </Tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <Tr>
            <Td colSpan={columns.length + 1} className="text-center text-foreground-muted">
              {emptyText}
            </Td>
          </Tr>
        )}
        {rows.map((row) => {
          const isEditing = editing?.id === row.id
          return (
            <Tr key={row.id}>
              {row.cells.map((cell, index) => (
                <Td key={columns[index].label} className="max-w-0 font-mono">
                  {isEditing && columns[index].editable ? (
                    <Input
                      aria-label={`New ${columns[index].label.toLowerCase()} of ${row.label}`}
                      className="h-6 font-mono text-xs"
                      value={editing.cells[index]}
                      onChange={(event) => {
                        const cells = [...editing.cells]
                        cells[index] = event.target.value
                        setEditing({ id: row.id, cells })
                      }}
                    />
                  ) : (
                    <span className="block truncate" title={cell.length > CELL_DISPLAY_CHARS ? `${cell.length.toLocaleString('en-US')} characters` : cell}>
                      {cell.length > CELL_DISPLAY_CHARS ? `${cell.slice(0, CELL_DISPLAY_CHARS)}…` : cell}
                    </span>
                  )}
                </Td>
              ))}
              {hasActions && (
                <Td className="whitespace-nowrap text-right">
                  {isEditing ? (
                    <span className="inline-flex gap-1">
                      <Button
                        size="tiny"
                        variant="primary"
                        icon={Check}
                        aria-label={`Save ${row.label}`}
                        loading={busy === row.id}
                        onClick={() => void run(row.id, () => onSave!(row, editing.cells), () => setEditing(undefined))}
                      />
                      <Button size="tiny" variant="ghost" icon={X} aria-label="Cancel edit" onClick={() => setEditing(undefined)} />
                    </span>
                  ) : (
                    <span className="inline-flex gap-1">
                      {onSave && (
                        <Button size="tiny" variant="ghost" icon={Pencil} aria-label={`Edit ${row.label}`} onClick={() => setEditing({ id: row.id, cells: [...row.cells] })} />
                      )}
                      {onDelete && (
                        <Button
                          size="tiny"
                          variant="ghost"
                          icon={Trash2}
                          aria-label={`Delete ${row.label}`}
                          loading={busy === row.id}
                          onClick={() => void run(row.id, () => onDelete(row))}
                        />
                      )}
                    </span>
                  )}
                </Td>
              )}
            </Tr>
          )
        })}
      </tbody>
    </Table>
  )
}
