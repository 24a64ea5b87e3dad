import { EJSON } from 'bson'
import { useEffect, useState } from 'react'

import { Button } from 'components/ui/Button'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { SidePanel } from 'components/ui/SidePanel'
import { toast } from 'components/ui/toast'
import { useMongoDocumentInsertMutation } from 'data/mongodb/document-insert-mutation'
import { useMongoDocumentReplaceMutation } from 'data/mongodb/document-update-mutation'
import type { MongoCollectionTarget } from 'data/mongodb/keys'
import { checkDocument, formatEditable, toCanonical } from './ejson'
import { EjsonEditor } from './EjsonEditor'

/** What the editor was opened for; `document` is the BSON document as read. */
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

  useEffect(() => {
    if (!mode) return
    setText(initialText(mode))
    setError(undefined)
  }, [mode])

  const check = checkDocument(text)
  const idProblem =
    mode?.kind === 'edit' && check.ok && '_id' in check.value && !sameId(check.value._id, mode.document._id)
      ? 'The _id of a document cannot change. Clone the document to store it under another _id.'
      : undefined
  const problem = check.ok ? idProblem : check.message

  const save = async () => {
    if (!mode || !check.ok || idProblem) return
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
          <Button variant="primary" onClick={() => void save()} disabled={!!problem} loading={insert.isMutating || replace.isMutating}>
            {mode?.kind === 'edit' ? 'Save document' : 'Insert document'}
          </Button>
        </>
      }
    >
      <EjsonEditor label="Document" value={text} onChange={setText} minHeight="320px" />
      {problem ? (
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
