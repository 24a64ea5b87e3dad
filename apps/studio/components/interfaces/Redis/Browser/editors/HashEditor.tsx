import { AddElementForm } from './AddElementForm'
import type { ValueEditorProps } from './types'
import { ValueTable } from './ValueTable'

/** Fields in the order HSCAN returns them, as `[field, value]` pairs: any name, `__proto__` included. */
export function HashEditor({ value, canWrite, edit }: ValueEditorProps<'hash'>) {
  return (
    <>
      {canWrite && <AddElementForm fields={['Field', 'Value']} submitLabel="Add field" onAdd={([field, text]) => edit({ action: 'hset', fields: [[field, text]] })} />}
      <ValueTable
        columns={[{ label: 'Field', className: 'w-2/5' }, { label: 'Value', editable: true }]}
        rows={value.fields.map(([field, text]) => ({ id: field, label: field, cells: [field, text] }))}
        canWrite={canWrite}
        onSave={(row, [, text]) => edit({ action: 'hset', fields: [[row.id, text]] })}
        onDelete={(row) => edit({ action: 'hdel', fields: [row.id] })}
      />
    </>
  )
}
