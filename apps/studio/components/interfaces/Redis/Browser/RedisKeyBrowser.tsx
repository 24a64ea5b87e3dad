import type { Connection, RedisKeyRef, RedisKeySummary, RedisValueType } from '@multibase/api-contracts'
import { KeyRound } from 'lucide-react'
import { useCallback, useMemo, useState } from 'react'

import { Button } from 'components/ui/Button'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { sameKey } from 'data/redis/keys'
import { useRedisKeysQuery, type RedisKeysPage } from 'data/redis/redis-keys-query'
import { AddKeyDialog } from './AddKeyDialog'
import { BulkDeleteDialog } from './BulkDeleteDialog'
import { KeyBrowserToolbar } from './KeyBrowserToolbar'
import { KeyList, type KeyListView } from './KeyList'
import { KeyPanel } from './KeyPanel'
import { countOf, formatCount, keyId } from './key-names'

/** Keys per SCAN page the list asks for. */
const KEY_PAGE_SIZE = 500

/**
 * Redis → Browser for one connection: the keyspace paged through SCAN on the left (list or tree),
 * the selected key's value and editor on the right.
 */
export function RedisKeyBrowser({ projectRef, connection, canWrite }: { projectRef: string; connection: Connection; canWrite: boolean }) {
  const [pattern, setPattern] = useState('*')
  const [type, setType] = useState<RedisValueType | undefined>()
  const [view, setView] = useState<KeyListView>('list')
  const [delimiter, setDelimiter] = useState(':')
  const [selected, setSelected] = useState<RedisKeyRef>()
  const [adding, setAdding] = useState(false)
  const [bulkDeleting, setBulkDeleting] = useState(false)

  const filter = useMemo(() => ({ pattern, type }), [pattern, type])
  const { data: pages, error, isLoading, isValidating, size, setSize, mutate } = useRedisKeysQuery({
    ref: projectRef,
    connectionId: connection.id,
    filter,
    count: KEY_PAGE_SIZE,
  })

  const keys = useMemo(() => {
    // SCAN may return a key twice across pages (when the table is resized mid-scan): keep the first.
    const seen = new Set<string>()
    const unique: RedisKeySummary[] = []
    for (const page of pages ?? []) {
      for (const key of page.keys) {
        const id = keyId(key)
        if (!seen.has(id)) {
          seen.add(id)
          unique.push(key)
        }
      }
    }
    return unique
  }, [pages])

  const lastPage = pages?.[pages.length - 1]
  const total = lastPage?.total ?? 0
  const complete = lastPage?.complete ?? false
  const scanned = complete ? total : Math.min(total, (pages ?? []).reduce((sum, page) => sum + page.scanned, 0))
  const loadingMore = isValidating && pages !== undefined && pages.length < size

  const patchLoadedKeys = useCallback(
    (change: (key: RedisKeySummary) => RedisKeySummary | undefined) =>
      mutate(
        (current: RedisKeysPage[] | undefined) =>
          current?.map((page) => ({ ...page, keys: page.keys.flatMap((key) => change(key) ?? []) })),
        { revalidate: false }
      ),
    [mutate]
  )

  const rescan = () => {
    void setSize(1)
    void mutate()
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <KeyBrowserToolbar
        pattern={pattern}
        onPatternChange={setPattern}
        type={type}
        onTypeChange={setType}
        view={view}
        onViewChange={setView}
        delimiter={delimiter}
        onDelimiterChange={setDelimiter}
        onRefresh={rescan}
        canWrite={canWrite}
        onAddKey={() => setAdding(true)}
        onBulkDelete={() => setBulkDeleting(true)}
      />
      <div className="flex min-h-0 flex-1">
        <div className="flex w-[26rem] shrink-0 flex-col border-r border-border bg-surface">
          {error ? (
            <div className="p-3">
              <ErrorMessage error={error} title="The keys could not be listed" />
            </div>
          ) : isLoading ? (
            <Loading className="p-3" label="Scanning…" />
          ) : keys.length === 0 && complete ? (
            <p className="p-4 text-center text-xs text-foreground-muted">No keys match {pattern === '*' && !type ? 'in this database' : 'these filters'}.</p>
          ) : (
            <KeyList keys={keys} view={view} delimiter={delimiter} selected={selected} onSelect={setSelected} />
          )}
          <footer className="flex items-center justify-between gap-2 border-t border-border px-3 py-2 text-xxs text-foreground-muted">
            <span data-testid="scan-progress" data-filter={`${pattern} ${type ?? ''}`} data-busy={isValidating || isLoading}>
              {countOf(keys.length, 'key')} loaded · scanned {formatCount(scanned)} of {formatCount(total)}
              {complete ? ' · scan complete' : ''}
            </span>
            {!complete && pages !== undefined && (
              <Button size="tiny" loading={loadingMore} onClick={() => void setSize(size + 1)}>
                Load more
              </Button>
            )}
          </footer>
        </div>
        <div className="flex min-w-0 flex-1 flex-col bg-background">
          {selected ? (
            <KeyPanel
              key={keyId(selected)}
              projectRef={projectRef}
              connectionId={connection.id}
              keyRef={selected}
              canWrite={canWrite}
              onTtlChanged={(ttl) => {
                const listed = keys.find((key) => sameKey(key, selected))
                if (listed && listed.ttl !== ttl) void patchLoadedKeys((key) => (sameKey(key, selected) ? { ...key, ttl } : key))
              }}
              onDeleted={(deleted) => {
                setSelected(undefined)
                void patchLoadedKeys((key) => (sameKey(key, deleted) ? undefined : key))
              }}
              onRenamed={(from, to) => {
                setSelected(to)
                void patchLoadedKeys((key) => (sameKey(key, from) ? { ...key, ...to } : key))
              }}
            />
          ) : (
            <div className="p-6">
              <EmptyState
                icon={KeyRound}
                title="Select a key"
                description={canWrite ? 'Pick a key on the left to see and edit its value, or add a new one.' : 'Pick a key on the left to see its value.'}
              />
            </div>
          )}
        </div>
      </div>
      {canWrite && (
        <>
          <AddKeyDialog
            open={adding}
            onClose={() => setAdding(false)}
            projectRef={projectRef}
            connectionId={connection.id}
            onCreated={(key) => {
              setAdding(false)
              setSelected(key)
              rescan()
            }}
          />
          <BulkDeleteDialog
            open={bulkDeleting}
            onClose={() => setBulkDeleting(false)}
            projectRef={projectRef}
            connectionId={connection.id}
            initialPattern={pattern}
            keyspaceSize={total}
            onEnded={() => {
              setSelected(undefined)
              rescan()
            }}
          />
        </>
      )}
    </div>
  )
}
