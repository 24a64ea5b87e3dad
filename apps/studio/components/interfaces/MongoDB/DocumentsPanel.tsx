import { ChevronLeft, ChevronRight, Hash, Plus } from 'lucide-react'
import { useMemo, useState } from 'react'

import { Button } from 'components/ui/Button'
import { ConfirmDialog } from 'components/ui/ConfirmDialog'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { Tabs } from 'components/ui/Tabs'
import { toast } from 'components/ui/toast'
import { useMongoDocumentDeleteMutation } from 'data/mongodb/document-delete-mutation'
import { useMongoDocumentsQuery, type MongoDocumentsQueryInput } from 'data/mongodb/documents-query'
import type { MongoCollectionTarget } from 'data/mongodb/keys'
import { DocumentEditorPanel, type DocumentEditorMode } from './DocumentEditorPanel'
import { documentLabel, DocumentsEjsonList, DocumentsTable, type BsonDocument, type DocumentActions } from './DocumentResults'
import { fromCanonical } from './ejson'
import { formatCount } from './format'
import { EMPTY_QUERY, QueryBar, queryProblems, type QueryBarValues } from './QueryBar'
import { useQueryHistory, type HistoryEntry } from './useQueryHistory'

type View = 'table' | 'ejson'

const toInput = (values: QueryBarValues): MongoDocumentsQueryInput => ({
  filter: values.filter.trim(),
  projection: values.projection.trim(),
  sort: values.sort.trim(),
  skip: Number(values.skip),
  limit: Number(values.limit),
  exactCount: false,
})

/** MongoDB → Documents: query bar, results (table or EJSON), server-side paging, the document editor. */
export function DocumentsPanel({ target, canWrite }: { target: MongoCollectionTarget; canWrite: boolean }) {
  const [draft, setDraft] = useState<QueryBarValues>(EMPTY_QUERY)
  const [applied, setApplied] = useState<MongoDocumentsQueryInput>(toInput(EMPTY_QUERY))
  const [view, setView] = useState<View>('table')
  const [editor, setEditor] = useState<DocumentEditorMode>()
  const [deleting, setDeleting] = useState<BsonDocument>()
  const history = useQueryHistory(target.ref, target.connectionId, target.db, target.coll)
  const { data, error, isLoading, isValidating } = useMongoDocumentsQuery(target, applied)
  const deleteDocument = useMongoDocumentDeleteMutation()

  const documents = useMemo(() => (data?.documents ?? []).map((document) => fromCanonical(document) as BsonDocument), [data])

  const run = (values: QueryBarValues) => {
    if (Object.keys(queryProblems(values)).length > 0) return
    const input = toInput(values)
    setApplied(input)
    history.record({ filter: input.filter, projection: input.projection, sort: input.sort, skip: input.skip, limit: input.limit })
  }
  const goTo = (skip: number) => {
    setDraft({ ...draft, skip: String(skip) })
    setApplied({ ...applied, skip })
  }
  const applyHistory = (entry: HistoryEntry) => {
    const values = { filter: entry.filter, projection: entry.projection, sort: entry.sort, skip: String(entry.skip), limit: String(entry.limit) }
    setDraft(values)
    run(values)
  }

  const actions: DocumentActions | undefined = canWrite
    ? {
        onEdit: (document) => setEditor({ kind: 'edit', document }),
        onClone: (document) => setEditor({ kind: 'clone', document }),
        onDelete: setDeleting,
      }
    : undefined

  const first = documents.length ? applied.skip + 1 : 0
  const last = applied.skip + documents.length
  const unfiltered = applied.filter === '' || applied.filter === '{}'
  const exact = data?.exactCount
  const hasNext = exact?.status === 'ok' ? last < exact.value : documents.length === applied.limit

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <QueryBar
        values={draft}
        onChange={setDraft}
        onRun={() => run(draft)}
        onReset={() => {
          setDraft(EMPTY_QUERY)
          setApplied(toInput(EMPTY_QUERY))
        }}
        history={{ entries: history.entries, clear: history.clear, apply: applyHistory }}
        running={isValidating}
      />

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <Tabs<View>
            label="Result view"
            items={[
              { value: 'table', label: 'Table' },
              { value: 'ejson', label: 'EJSON' },
            ]}
            value={view}
            onChange={setView}
            className="border-b-0"
          />
          {canWrite && (
            <Button size="tiny" variant="primary" icon={Plus} onClick={() => setEditor({ kind: 'insert' })}>
              Insert document
            </Button>
          )}
        </div>
        <div className="flex items-center gap-2 text-xs text-foreground-light" aria-live="polite">
          <span data-testid="documents-range">
            {data ? `${formatCount(first)}–${formatCount(last)}` : '…'}
            {data && (
              <>
                {' of '}
                {exact?.status === 'ok'
                  ? `${formatCount(exact.value)} matching`
                  : unfiltered
                    ? `about ${formatCount(data.estimatedCount)}`
                    : `? matching (collection holds about ${formatCount(data.estimatedCount)})`}
              </>
            )}
          </span>
          {exact?.status === 'timeout' && <span className="text-warning">exact count stopped after {formatCount(exact.maxTimeMS)} ms</span>}
          {exact?.status !== 'ok' && (
            <Button size="tiny" icon={Hash} onClick={() => setApplied({ ...applied, exactCount: true })} disabled={!data}>
              Count exactly
            </Button>
          )}
          <Button size="tiny" icon={ChevronLeft} aria-label="Previous page" disabled={applied.skip === 0 || isValidating} onClick={() => goTo(Math.max(0, applied.skip - applied.limit))} />
          <Button size="tiny" icon={ChevronRight} aria-label="Next page" disabled={!hasNext || isValidating} onClick={() => goTo(applied.skip + applied.limit)} />
        </div>
      </div>

      {error ? (
        <ErrorMessage error={error} title="The query failed" />
      ) : isLoading ? (
        <Loading />
      ) : documents.length === 0 ? (
        <p className="rounded-md border border-dashed border-border-strong p-6 text-center text-xs text-foreground-muted">No documents match this query.</p>
      ) : view === 'table' ? (
        <DocumentsTable documents={documents} actions={actions} />
      ) : (
        <DocumentsEjsonList documents={documents} actions={actions} />
      )}

      {canWrite && <DocumentEditorPanel target={target} mode={editor} onClose={() => setEditor(undefined)} />}
      {canWrite && deleting && (
        <ConfirmDialog
          open
          onClose={() => setDeleting(undefined)}
          title="Delete document"
          description={
            <>
              The document <span className="font-mono text-foreground">{documentLabel(deleting)}</span> is deleted from {target.db}.{target.coll}. This cannot be undone.
            </>
          }
          confirmLabel="Delete document"
          onConfirm={async () => {
            await deleteDocument.trigger({ ...target, id: deleting._id })
            toast.success('Document deleted')
          }}
        />
      )}
    </div>
  )
}
