import type { PgQueryResult } from '@multibase/api-contracts'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef } from 'react'

import { cellText } from 'components/interfaces/Database/values'

const ROW_HEIGHT = 26
const COLUMN_WIDTH = 200
const INDEX_WIDTH = 56

/**
 * A statement's rows, virtualised (a result may hold the server's row cap, ten thousand rows by
 * default), each header with the column's Postgres type. Values are text; NULL is shown apart.
 */
export function ResultsGrid({ result }: { result: PgQueryResult }) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: result.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  })
  const width = INDEX_WIDTH + result.fields.length * COLUMN_WIDTH
  const template = useMemo(() => `${INDEX_WIDTH}px repeat(${result.fields.length}, ${COLUMN_WIDTH}px)`, [result.fields.length])

  return (
    <div ref={scrollRef} role="grid" aria-label="Results" aria-rowcount={result.rows.length + 1} className="min-h-0 flex-1 overflow-auto font-mono text-xs">
      <div style={{ width, minWidth: '100%' }}>
        <div role="row" className="sticky top-0 z-10 grid border-b border-border bg-surface-raised" style={{ gridTemplateColumns: template }}>
          <div role="columnheader" className="border-r border-border px-2 py-1 text-xxs text-foreground-muted">
            #
          </div>
          {result.fields.map((field, index) => (
            <div key={index} role="columnheader" className="flex min-w-0 flex-col border-r border-border px-2 py-1">
              <span className="truncate font-medium text-foreground">{field.name}</span>
              <span className="truncate text-xxs text-foreground-muted" data-testid="result-type">
                {field.type}
              </span>
            </div>
          ))}
        </div>
        <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = result.rows[item.index]
            return (
              <div
                key={item.index}
                role="row"
                className="absolute left-0 grid w-full border-b border-border hover:bg-surface-raised/60"
                style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <div role="gridcell" className="border-r border-border px-2 py-1 text-right text-xxs text-foreground-muted">
                  {item.index + 1}
                </div>
                {result.fields.map((field, index) => {
                  const value = row[field.name]
                  const text = cellText(value, field.codec === 'json' || field.array)
                  return (
                    <div key={index} role="gridcell" title={text} className="truncate border-r border-border px-2 py-1 text-foreground">
                      {value === null || value === undefined ? <span className="text-xxs italic text-foreground-muted">NULL</span> : text}
                    </div>
                  )
                })}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
