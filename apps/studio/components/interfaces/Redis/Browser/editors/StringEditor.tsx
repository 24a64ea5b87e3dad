import { json as jsonLanguage } from '@codemirror/lang-json'
import CodeMirror from '@uiw/react-codemirror'
import { Download, Save } from 'lucide-react'
import { useEffect, useMemo, useState } from 'react'

import { Button } from 'components/ui/Button'
import { Tabs } from 'components/ui/Tabs'
import { Textarea } from 'components/ui/Input'
import { toastError } from 'components/ui/toast'
import { useTheme } from 'lib/theme'
import { bytesOf, formatBytes } from '../key-names'
import type { ValueEditorProps } from './types'

type StringView = 'text' | 'json' | 'hex'

/** 16 bytes a line: offset, hex bytes, printable ASCII. */
function hexDump(bytes: Uint8Array): string {
  const lines: string[] = []
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const chunk = bytes.subarray(offset, offset + 16)
    const hex = Array.from(chunk, (byte) => byte.toString(16).padStart(2, '0')).join(' ')
    const ascii = Array.from(chunk, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('')
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`)
  }
  return lines.join('\n')
}

function prettyJson(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return undefined
  }
}

/**
 * A string value as text, JSON or hex. A value longer than the API's preview arrives truncated: it is
 * shown read-only with its full length and a download of the whole value.
 */
export function StringEditor({
  detail,
  value,
  canWrite,
  edit,
  onDownload,
}: ValueEditorProps<'string'> & { onDownload: () => Promise<void> }) {
  const { theme } = useTheme()
  const [view, setView] = useState<StringView>(() => (prettyJson(value.value) !== undefined && detail.valueEncoding === 'utf8' ? 'json' : 'text'))
  const [draft, setDraft] = useState(value.value)
  const [saving, setSaving] = useState(false)
  const [downloading, setDownloading] = useState(false)

  useEffect(() => setDraft(value.value), [value.value])

  const editable = canWrite && !value.truncated
  const pretty = useMemo(() => (view === 'json' ? prettyJson(value.value) : undefined), [view, value.value])
  const [jsonDraft, setJsonDraft] = useState<string>()
  useEffect(() => setJsonDraft(undefined), [value.value])
  const hex = useMemo(() => (view === 'hex' ? hexDump(bytesOf(value.value, detail.valueEncoding)) : ''), [view, value.value, detail.valueEncoding])

  const save = async (text: string) => {
    setSaving(true)
    try {
      await edit({ action: 'set', value: text })
    } finally {
      setSaving(false)
    }
  }

  const download = async () => {
    setDownloading(true)
    try {
      await onDownload()
    } catch (error) {
      toastError(error, 'The value could not be downloaded')
    } finally {
      setDownloading(false)
    }
  }

  return (
    <div className="flex min-h-0 flex-col gap-3">
      <Tabs
        label="Value view"
        value={view}
        onChange={setView}
        items={[
          { value: 'text', label: 'Text' },
          { value: 'json', label: 'JSON' },
          { value: 'hex', label: 'Hex' },
        ]}
      />
      {value.truncated && (
        <div data-testid="string-truncated" className="flex items-center justify-between gap-3 rounded-md border border-warning/40 bg-warning-faint px-3 py-2 text-xs text-foreground">
          <span>
            Showing the first {formatBytes(bytesOf(value.value, detail.valueEncoding).length)} of {formatBytes(detail.length)} ({detail.length?.toLocaleString('en-US')} bytes). Download the
            whole value to read or change it elsewhere.
          </span>
          <Button size="tiny" icon={Download} loading={downloading} onClick={() => void download()}>
            Download value
          </Button>
        </div>
      )}
      {detail.valueEncoding === 'base64' && view === 'text' && (
        <p className="text-xs text-foreground-muted">The value is not valid UTF-8: shown and edited as base64.</p>
      )}
      {view === 'text' && (
        <>
          <Textarea
            aria-label="String value"
            rows={14}
            value={draft}
            readOnly={!editable}
            onChange={(event) => setDraft(event.target.value)}
            className="min-h-[14rem] resize-y"
          />
          {editable && (
            <div className="flex justify-end">
              <Button variant="primary" icon={Save} loading={saving} disabled={draft === value.value} onClick={() => void save(draft)}>
                Save value
              </Button>
            </div>
          )}
        </>
      )}
      {view === 'json' &&
        (pretty === undefined ? (
          <p className="text-xs text-foreground-muted">{value.truncated ? 'The preview is cut short, so it cannot be read as JSON.' : 'This value is not valid JSON.'}</p>
        ) : (
          <>
            <div className="overflow-hidden rounded-md border border-border-strong text-xs" aria-label="JSON value">
              <CodeMirror
                value={jsonDraft ?? pretty}
                theme={theme}
                extensions={[jsonLanguage()]}
                editable={editable}
                readOnly={!editable}
                maxHeight="24rem"
                onChange={setJsonDraft}
                basicSetup={{ foldGutter: true, lineNumbers: true }}
              />
            </div>
            {editable && (
              <div className="flex justify-end">
                <Button
                  variant="primary"
                  icon={Save}
                  loading={saving}
                  disabled={jsonDraft === undefined || prettyJson(jsonDraft) === undefined}
                  onClick={() => jsonDraft !== undefined && void save(JSON.stringify(JSON.parse(jsonDraft)))}
                >
                  Save JSON
                </Button>
              </div>
            )}
          </>
        ))}
      {view === 'hex' && (
        <pre data-testid="hex-view" className="max-h-96 overflow-auto rounded-md border border-border bg-surface p-3 font-mono text-xxs leading-relaxed text-foreground">
          {hex}
        </pre>
      )}
    </div>
  )
}
