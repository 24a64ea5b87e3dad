import { Plus } from 'lucide-react'
import { useState, type FormEvent } from 'react'

import { Button } from 'components/ui/Button'
import { Input } from 'components/ui/Input'

/**
 * One line of inputs to add an element (a hash field and value, a list item, a zset member and
 * score...). Cleared after a successful add.
 */
export function AddElementForm({ fields, submitLabel, onAdd }: { fields: string[]; submitLabel: string; onAdd: (values: string[]) => Promise<boolean> }) {
  const [values, setValues] = useState<string[]>(() => fields.map(() => ''))
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      if (await onAdd(values)) setValues(fields.map(() => ''))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="flex items-center gap-2" aria-label={submitLabel}>
      {fields.map((field, index) => (
        <Input
          key={field}
          aria-label={field}
          placeholder={field}
          className="h-7 font-mono text-xs"
          value={values[index]}
          onChange={(event) => setValues((current) => current.map((value, at) => (at === index ? event.target.value : value)))}
        />
      ))}
      <Button type="submit" size="small" icon={Plus} loading={busy} disabled={values.every((value) => value === '')}>
        {submitLabel}
      </Button>
    </form>
  )
}
