import { useVirtualizer } from '@tanstack/react-virtual'
import { Copy, Pencil, Trash2 } from 'lucide-react'
import { useMemo, useRef } from 'react'

import { Button } from 'components/ui/Button'
import { cellText, formatEditable, typeName } from './ejson'
import { VirtualList } from './VirtualList'

export type BsonDocument = Record<string, unknown>

export interface DocumentActions {
  onEdit: (document: BsonDocument) => void
  onClone: (document: BsonDocument) => void
  onDelete: (document: BsonDocument) => void
}

/** The short name of a document in labels ("Edit document ObjectId('…')"). */
export const documentLabel = (document: BsonDocument) => cellText(document._id)

const MAX_COLUMNS = 40
const ID_WIDTH = 240
const COLUMN_WIDTH = 190
const ACTIONS_WIDTH = 96

function RowActions({ document, actions }: { document: BsonDocument; actions: DocumentActions }) {
  // Without its _id (projected away) a document cannot be addressed.
  if (!('_id' in document)) return null
  const label = documentLabel(document)
  return (
    <div className="flex justify-end gap-0.5">
      <Button size="tiny" variant="ghost" icon={Pencil} aria-label={`Edit document ${label}`} title="Edit" onClick={() => actions.onEdit(document)} />
      <Button size="tiny" variant="ghost" icon={Copy} aria-label={`Clone document ${label}`} title="Clone" onClick={() => actions.onClone(document)} />
      <Button size="tiny" variant="ghost" icon={Trash2} aria-label={`Delete document ${label}`} title="Delete" onClick={() => actions.onDelete(document)} />
    </div>
  )
}

/**
 * The page as a grid: one column per top-level field seen on the page (`_id` first), the BSON type in
 * each cell's tooltip. Rows are virtual, so a 1,000-document page scrolls like a 20-document one.
 */
export function DocumentsTable({ documents, actions }: { documents: BsonDocument[]; actions: DocumentActions | undefined }) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const columns = useMemo(() => {
    // `_id` first when the page has it (a projection may leave it out).
    const seen = new Set<string>(documents.some((document) => '_id' in document) ? ['_id'] : [])
    for (const document of documents) for (const key of Object.keys(document)) if (seen.size < MAX_COLUMNS) seen.add(key)
    return [...seen]
  }, [documents])
  const widths = [...columns.map((_, index) => (index === 0 ? ID_WIDTH : COLUMN_WIDTH)), ...(actions ? [ACTIONS_WIDTH] : [])]
  const width = widths.reduce((sum, columnWidth) => sum + columnWidth, 0)
  const template = widths.map((columnWidth) => `${columnWidth}px`).join(' ')
  const virtualizer = useVirtualizer({ count: documents.length, getScrollElement: () => scrollRef.current, estimateSize: () => 32, overscan: 10 })

  return (
    <div ref={scrollRef} role="table" aria-label="Documents" aria-rowcount={documents.length + 1} className="min-h-0 flex-1 overflow-auto rounded-md border border-border bg-surface">
      <div role="row" className="sticky top-0 z-10 grid border-b border-border bg-surface-raised" style={{ gridTemplateColumns: template, width, minWidth: '100%' }}>
        {columns.map((column) => (
          <div key={column} role="columnheader" className="truncate px-3 py-2 font-mono text-xxs font-medium text-foreground-muted">
            {column}
          </div>
        ))}
        {actions && <div role="columnheader" aria-label="Actions" className="sticky right-0 bg-surface-raised" />}
      </div>
      <div className="relative" style={{ height: virtualizer.getTotalSize(), width, minWidth: '100%' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const document = documents[item.index]
          return (
            <div
              key={item.key}
              role="row"
              className="absolute left-0 top-0 grid items-center border-b border-border text-xs hover:bg-surface-raised/60"
              style={{ gridTemplateColumns: template, width, minWidth: '100%', height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {columns.map((column) => {
                const present = column in document
                const value = document[column]
                return (
                  <div key={column} role="cell" title={present ? `${typeName(value)}: ${cellText(value)}` : 'missing'} className="truncate px-3 font-mono text-foreground">
                    {present ? cellText(value) : <span className="text-foreground-muted">—</span>}
                  </div>
                )
              })}
              {actions && (
                // Pinned to the right edge: the actions stay in view however wide the document is.
                <div role="cell" className="sticky right-0 flex h-full items-center justify-end border-l border-border bg-surface pr-2">
                  <RowActions document={document} actions={actions} />
                </div>
              )}
            </div>
          )
        })}
      </div>
    </div>
  )
}

/** The page as EJSON documents, Compass's list view; heights vary, so rows are measured. */
export function DocumentsEjsonList({ documents, actions }: { documents: BsonDocument[]; actions: DocumentActions | undefined }) {
  const texts = useMemo(() => documents.map((document) => formatEditable(document)), [documents])
  return (
    <VirtualList
      label="Documents as Extended JSON"
      className="min-h-0 flex-1 rounded-md border border-border bg-surface"
      count={documents.length}
      estimateSize={160}
      renderRow={(index) => (
        <div className="flex items-start gap-2 border-b border-border px-3 py-2">
          <pre className="min-w-0 flex-1 overflow-x-auto whitespace-pre font-mono text-xs text-foreground">{texts[index]}</pre>
          {actions && <RowActions document={documents[index]} actions={actions} />}
        </div>
      )}
    />
  )
}
