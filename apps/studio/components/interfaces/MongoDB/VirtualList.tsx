import { useVirtualizer } from '@tanstack/react-virtual'
import clsx from 'clsx'
import { useEffect, useRef, type ReactNode } from 'react'

/**
 * A scrolling list that renders only the rows in view, so a listing of thousands of collections or a
 * page of 1,000 documents costs the same as a short one. Rows may differ in height (measured).
 */
export function VirtualList({
  count,
  estimateSize,
  renderRow,
  className,
  label,
  getKey,
  activeIndex,
}: {
  count: number
  estimateSize: number
  renderRow: (index: number) => ReactNode
  className?: string
  label: string
  getKey?: (index: number) => string | number
  /** A row to bring into view when it changes (the selected database in a long list). */
  activeIndex?: number
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    overscan: 8,
    getItemKey: getKey,
  })
  useEffect(() => {
    if (activeIndex !== undefined && activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' })
  }, [activeIndex, virtualizer])
  return (
    <div ref={scrollRef} role="list" aria-label={label} className={clsx('overflow-auto', className)}>
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            role="listitem"
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="absolute left-0 top-0 w-full"
            style={{ transform: `translateY(${item.start}px)` }}
          >
            {renderRow(item.index)}
          </div>
        ))}
      </div>
    </div>
  )
}
