import { json as jsonLanguage } from '@codemirror/lang-json'
import CodeMirror from '@uiw/react-codemirror'
import { Save } from 'lucide-react'
import { useEffect, useState } from 'react'

import { Button } from 'components/ui/Button'
import { useTheme } from 'lib/theme'
import type { ValueEditorProps } from './types'

const parses = (text: string) => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** A RedisJSON document, replaced whole at `$` on save. */
export function JsonEditor({ value, canWrite, edit }: ValueEditorProps<'json'>) {
  const { theme } = useTheme()
  const original = JSON.stringify(value.value, null, 2)
  const [draft, setDraft] = useState(original)
  const [saving, setSaving] = useState(false)
  useEffect(() => setDraft(original), [original])

  const save = async () => {
    setSaving(true)
    try {
      await edit({ action: 'json.set', path: '$', value: JSON.parse(draft) })
    } finally {
      setSaving(false)
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="overflow-hidden rounded-md border border-border-strong text-xs">
        <CodeMirror value={draft} theme={theme} extensions={[jsonLanguage()]} editable={canWrite} readOnly={!canWrite} maxHeight="28rem" onChange={setDraft} />
      </div>
      {canWrite && (
        <div className="flex justify-end">
          <Button variant="primary" icon={Save} loading={saving} disabled={draft === original || !parses(draft)} onClick={() => void save()}>
            Save document
          </Button>
        </div>
      )}
    </div>
  )
}
