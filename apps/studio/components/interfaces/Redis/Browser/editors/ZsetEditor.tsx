import { AddElementForm } from './AddElementForm'
import type { ValueEditorProps } from './types'
import { ValueTable } from './ValueTable'
import { toast } from 'components/ui/toast'

/** A score as the API takes it: a finite number or ±inf. */
function parseScore(text: string): number | '+inf' | '-inf' | undefined {
  const trimmed = text.trim().toLowerCase()
  if (trimmed === '+inf' || trimmed === 'inf') return '+inf'
  if (trimmed === '-inf') return '-inf'
  const score = Number(trimmed)
  return trimmed !== '' && Number.isFinite(score) ? score : undefined
}

export function ZsetEditor({ value, canWrite, edit }: ValueEditorProps<'zset'>) {
  const add = (member: string, scoreText: string) => {
    const score = parseScore(scoreText)
    if (score === undefined) {
      toast.error('The score must be a number (or +inf / -inf)')
      return Promise.resolve(false)
    }
    return edit({ action: 'zadd', members: [{ member, score }] })
  }
  return (
    <>
      {canWrite && <AddElementForm fields={['Member', 'Score']} submitLabel="Add member" onAdd={([member, score]) => add(member, score)} />}
      <ValueTable
        columns={[{ label: 'Rank', className: 'w-16' }, { label: 'Member' }, { label: 'Score', editable: true, className: 'w-40' }]}
        rows={value.members.map(({ member, score }, at) => ({ id: member, label: member, cells: [String(value.offset + at), member, score] }))}
        canWrite={canWrite}
        onSave={(row, [, , score]) => add(row.id, score)}
        onDelete={(row) => edit({ action: 'zrem', members: [row.id] })}
      />
    </>
  )
}
