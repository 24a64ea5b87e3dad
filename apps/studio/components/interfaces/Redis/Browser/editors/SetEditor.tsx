import { AddElementForm } from './AddElementForm'
import type { ValueEditorProps } from './types'
import { ValueTable } from './ValueTable'

export function SetEditor({ value, canWrite, edit }: ValueEditorProps<'set'>) {
  return (
    <>
      {canWrite && <AddElementForm fields={['Member']} submitLabel="Add member" onAdd={([member]) => edit({ action: 'sadd', members: [member] })} />}
      <ValueTable
        columns={[{ label: 'Member', editable: true }]}
        rows={value.members.map((member) => ({ id: member, label: member, cells: [member] }))}
        canWrite={canWrite}
        // A set member cannot change in place: the new one is added, then the old one removed.
        onSave={async (row, [member]) => member === row.id || ((await edit({ action: 'sadd', members: [member] })) && edit({ action: 'srem', members: [row.id] }))}
        onDelete={(row) => edit({ action: 'srem', members: [row.id] })}
      />
    </>
  )
}
