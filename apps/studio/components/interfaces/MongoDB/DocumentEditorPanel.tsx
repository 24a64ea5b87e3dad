import { EJSON } from 'bson'
import { useEffect, useState } from 'react'

import { Button } from 'components/ui/Button'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { SidePanel } from 'components/ui/SidePanel'
import { toast } from 'components/ui/toast'
import { useMongoDocumentInsertMutation } from 'data/mongodb/document-insert-mutation'
import { getMongoDocument } from 'data/mongodb/document-query'
import { useMongoDocumentReplaceMutation } from 'data/mongodb/document-update-mutation'
import type { MongoCollectionTarget } from 'data/mongodb/keys'
import { checkDocument, formatEditable, fromCanonical, toCanonical } from './ejson'
import { EjsonEditor } from './EjsonEditor'

/**
 * What the editor was opened for; `document` is the row as the page shows it (perhaps projected): the
 * editor reads the whole stored document by its `_id` before showing it.
 */
export type DocumentEditorMode =
  | { kind: 'insert' }
  | { kind: 'edit'; document: Record<string, unknown> }
  | { kind: 'clone'; document: Record<string, unknown> }

const INSERT_TEMPLATE = '{\n  \n}'

function initialText(mode: DocumentEditorMode): string {
  if (mode.kind === 'insert') return INSERT_TEMPLATE
  if (mode.kind === 'edit') return formatEditable(mode.document)
  // A clone gets a new _id from the server.
  const { _id: _ignored, ...rest } = mode.document
  return formatEditable(rest)
}

const sameId = (a: unknown, b: unknown) => EJSON.stringify(a, { relaxed: false }) === EJSON.stringify(b, { relaxed: false })

/**
 * Insert, edit or clone one document as EJSON. Numbers keep their BSON type through the round trip
 * (see ejson.ts); what is saved is sent as canonical EJSON.
 */
export function DocumentEditorPanel({ target, mode, onClose }: { target: MongoCollectionTarget; mode: DocumentEditorMode | undefined; onClose: () => void }) {
  const insert = useMongoDocumentInsertMutation()
  const replace = useMongoDocumentReplaceMutation()
  const [text, setText] = useState('')
  const [error, setError] = useState<unknown>()
  // Edit and clone start from the whole stored document, read when the panel opens.
  const { ref, connectionId, db, coll } = target
  const [loaded, setLoaded] = useState<{ mode: DocumentEditorMode; error?: unknown }>()

  useEffect(() => {
    setLoaded(undefined)
    setError(undefined)
    if (!mode) return
    if (mode.kind === 'insert') {
      setText(initialText(mode))
      setLoaded({ mode })
      return
    }
    const controller = new AbortController()
    getMongoDocument({ ref, connectionId, db, coll }, mode.document._id, controller.signal).then(
      (stored) => {
        setText(initialText({ kind: mode.kind, document: fromCanonical(stored) as Record<string, unknown> }))
        setLoaded({ mode })
      },
      (caught: unknown) => {
        if (!controller.signal.aborted) setLoaded({ mode, error: caught })
      }
    )
    return () => controller.abort()
    // The target is rebuilt on every render of the page; only its fields say which document to read.
  }, [mode, ref, connectionId, db, coll])
  const ready = mode !== undefined && loaded?.mode === mode && loaded.error === undefined

  const check = checkDocument(text)
  const idProblem =
    mode?.kind === 'edit' && check.ok && '_id' in check.value && !sameId(check.value._id, mode.document._id)
      ? 'The _id of a document cannot change. Clone the document to store it under another _id.'
      : undefined
  const problem = check.ok ? idProblem : check.message

  const save = async () => {
    if (!mode || !ready || !check.ok || idProblem) return
    setError(undefined)
    try {
      if (mode.kind === 'edit') {
        await replace.trigger({ ...target, id: mode.document._id, replacement: toCanonical(check.value) })
        toast.success('Document saved')
      } else {
        await insert.trigger({ ...target, document: toCanonical(check.value) })
        toast.success('Document inserted')
      }
      onClose()
    } catch (caught) {
      setError(caught)
    }
  }

  const title = mode?.kind === 'edit' ? 'Edit document' : mode?.kind === 'clone' ? 'Clone document' : 'Insert document'
  return (
    <SidePanel
      open={mode !== undefined}
      onClose={onClose}
      title={title}
      description={`${target.db}.${target.coll} · Extended JSON: {"$oid": …}, {"$date": …}, {"$numberLong": …}, {"$numberDecimal": …} keep their types`}
      size="xlarge"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" onClick={() => void save()} disabled={!ready || !!problem} loading={insert.isMutating || replace.isMutating}>
            {mode?.kind === 'edit' ? 'Save document' : 'Insert document'}
          </Button>
        </>
      }
    >
      {loaded?.mode === mode && loaded?.error !== undefined ? (
        <ErrorMessage error={loaded.error} title="The stored document could not be read" />
      ) : !ready ? (
        <Loading label="Reading the stored document…" />
      ) : (
        <EjsonEditor label="Document" value={text} onChange={setText} minHeight="320px" />
      )}
      {!ready ? null : problem ? (
        <p role="alert" className="text-xs text-destructive">
          {problem}
        </p>
      ) : (
        <p className="text-xs text-foreground-muted">Valid Extended JSON.</p>
      )}
      {error !== undefined && <ErrorMessage error={error} title={mode?.kind === 'edit' ? 'The document was not saved' : 'The document was not inserted'} />}
    </SidePanel>
  )
}
