import { AddElementForm } from './AddElementForm'
import type { ValueEditorProps } from './types'
import { ValueTable } from './ValueTable'

export function ListEditor({ value, canWrite, edit }: ValueEditorProps<'list'>) {
  return (
    <>
      {canWrite && <AddElementForm fields={['Item']} submitLabel="Push item" onAdd={([item]) => edit({ action: 'push', values: [item], side: 'right' })} />}
      <ValueTable
        columns={[{ label: 'Index', className: 'w-20' }, { label: 'Item', editable: true }]}
        rows={value.items.map((item, at) => {
          const index = value.offset + at
          return { id: String(index), label: `item ${index}`, cells: [String(index), item] }
        })}
        canWrite={canWrite}
        onSave={(row, [, item]) => edit({ action: 'lset', index: Number(row.id), value: item })}
        // LREM removes by value: count 1 takes the first equal element from the head.
        onDelete={(row) => edit({ action: 'lrem', value: row.cells[1], count: 1 })}
      />
    </>
  )
}
