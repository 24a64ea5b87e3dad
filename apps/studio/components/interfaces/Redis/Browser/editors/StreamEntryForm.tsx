import { Plus, X } from 'lucide-react'
import { useState, type FormEvent } from 'react'

import { Button } from 'components/ui/Button'
import { Input } from 'components/ui/Input'

const emptyRow = (): [string, string] => ['', '']

/**
 * A new stream entry as rows of field and value, sent as `[field, value]` pairs in row order: an
 * entry may repeat a field name, so the rows are a list, never a map. Cleared after a successful add.
 */
export function StreamEntryForm({ onAdd }: { onAdd: (fields: Array<[string, string]>) => Promise<boolean> }) {
  const [rows, setRows] = useState<Array<[string, string]>>(() => [emptyRow()])
  const [busy, setBusy] = useState(false)
  const filled = rows.filter(([field, value]) => field !== '' || value !== '')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      if (await onAdd(filled)) setRows([emptyRow()])
    } finally {
      setBusy(false)
    }
  }

  const setCell = (index: number, at: 0 | 1, text: string) =>
    setRows((current) => current.map((row, rowIndex) => (rowIndex === index ? (at === 0 ? [text, row[1]] : [row[0], text]) : row)))

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-2" aria-label="Add entry">
      {rows.map(([field, value], index) => (
        <div key={index} className="flex items-center gap-2">
          <Input aria-label={`Field ${index + 1}`} placeholder="Field" className="h-7 font-mono text-xs" value={field} onChange={(event) => setCell(index, 0, event.target.value)} />
          <Input aria-label={`Value ${index + 1}`} placeholder="Value" className="h-7 font-mono text-xs" value={value} onChange={(event) => setCell(index, 1, event.target.value)} />
          <Button
            size="tiny"
            variant="ghost"
            icon={X}
            aria-label={`Remove field ${index + 1}`}
            disabled={rows.length === 1}
            onClick={() => setRows((current) => current.filter((_, rowIndex) => rowIndex !== index))}
          />
        </div>
      ))}
      <div className="flex items-center gap-2">
        <Button size="tiny" icon={Plus} onClick={() => setRows((current) => [...current, emptyRow()])}>
          Add field to entry
        </Button>
        <Button type="submit" size="small" icon={Plus} loading={busy} disabled={filled.length === 0}>
          Add entry
        </Button>
      </div>
    </form>
  )
}
