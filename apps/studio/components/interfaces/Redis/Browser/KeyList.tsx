import type { RedisKeyRef, RedisKeySummary } from '@multibase/api-contracts'
import { useVirtualizer } from '@tanstack/react-virtual'
import clsx from 'clsx'
import { ChevronDown, ChevronRight, Folder, KeyRound } from 'lucide-react'
import { useMemo, useRef, useState } from 'react'

import { sameKey } from 'data/redis/keys'
import { KeyTtlBadge, KeyTypeBadge } from './KeyBadges'
import { displayKeyName, keyId } from './key-names'
import { buildKeyTree, flattenKeyTree, folderPathOf, type KeyTreeRow } from './key-tree'

export type KeyListView = 'list' | 'tree'

const ROW_HEIGHT = 28

/**
 * The loaded keys in a virtual list: only the rows in view are in the DOM, so tens of thousands of
 * loaded keys scroll as smoothly as ten.
 */
export function KeyList({
  keys,
  view,
  delimiter,
  selected,
  onSelect,
}: {
  keys: RedisKeySummary[]
  view: KeyListView
  delimiter: string
  selected: RedisKeyRef | undefined
  onSelect: (key: RedisKeySummary) => void
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set())

  const tree = useMemo(() => (view === 'tree' ? buildKeyTree(keys, delimiter) : undefined), [keys, view, delimiter])
  const rows: KeyTreeRow[] = useMemo(
    () =>
      tree
        ? flattenKeyTree(tree, expanded)
        : keys.map((key) => ({ kind: 'key' as const, id: keyId(key), label: displayKeyName(key), depth: 0, key })),
    [tree, keys, expanded]
  )

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index].id,
  })

  const toggle = (path: string) =>
    setExpanded((current) => {
      const next = new Set(current)
      if (next.has(path)) next.delete(path)
      else next.add(path)
      return next
    })

  return (
    <div ref={scrollRef} role="tree" aria-label="Keys" data-testid="key-list" className="min-h-0 flex-1 overflow-auto">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]
          const style = { height: ROW_HEIGHT, transform: `translateY(${item.start}px)`, paddingLeft: 8 + row.depth * 14 }
          if (row.kind === 'folder') {
            const path = folderPathOf(row)
            return (
              <button
                key={item.key}
                type="button"
                role="treeitem"
                aria-expanded={row.expanded}
                aria-label={`${path}${delimiter} (${row.keyCount})`}
                onClick={() => toggle(path)}
                style={style}
                className="absolute left-0 top-0 flex w-full items-center gap-1.5 pr-3 text-left text-xs text-foreground-light hover:bg-surface-raised"
              >
                {row.expanded ? <ChevronDown className="h-3.5 w-3.5 shrink-0" aria-hidden /> : <ChevronRight className="h-3.5 w-3.5 shrink-0" aria-hidden />}
                <Folder className="h-3.5 w-3.5 shrink-0 text-foreground-muted" aria-hidden />
                <span className="min-w-0 flex-1 truncate font-mono">{row.label}</span>
                <span className="shrink-0 font-mono text-xxs text-foreground-muted">{row.keyCount}</span>
              </button>
            )
          }
          const isSelected = sameKey(selected, row.key)
          return (
            <button
              key={item.key}
              type="button"
              role="treeitem"
              aria-selected={isSelected}
              aria-label={displayKeyName(row.key)}
              title={displayKeyName(row.key)}
              onClick={() => onSelect(row.key)}
              style={style}
              className={clsx(
                'absolute left-0 top-0 flex w-full items-center gap-2 pr-3 text-left text-xs',
                isSelected ? 'bg-brand-faint text-foreground' : 'text-foreground hover:bg-surface-raised'
              )}
            >
              {view === 'tree' && <KeyRound className="h-3 w-3 shrink-0 text-foreground-muted" aria-hidden />}
              <KeyTypeBadge type={row.key.type} />
              <span className="min-w-0 flex-1 truncate font-mono" data-testid="key-name">
                {row.label}
              </span>
              {row.key.encoding === 'base64' && (
                <span className="shrink-0 rounded border border-border-strong px-1 font-mono text-xxs text-foreground-muted" title="Binary name, shown with \xNN escapes">
                  bin
                </span>
              )}
              <KeyTtlBadge ttl={row.key.ttl} />
            </button>
          )
        })}
      </div>
    </div>
  )
}
