import type { RedisEditKeyBody, RedisKeyDetail, RedisKeyRef } from '@multibase/api-contracts'
import { useEffect, useState } from 'react'

import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { toastError } from 'components/ui/toast'
import { getAccessToken } from 'data/fetchers'
import { downloadRedisValue, useRedisKeyQuery, type RedisValuePage } from 'data/redis/redis-key-query'
import { useRedisKeyUpdateMutation } from 'data/redis/redis-key-update-mutation'
import { HashEditor } from './editors/HashEditor'
import { JsonEditor } from './editors/JsonEditor'
import { ListEditor } from './editors/ListEditor'
import { SetEditor } from './editors/SetEditor'
import { StreamEditor } from './editors/StreamEditor'
import { StringEditor } from './editors/StringEditor'
import { ValuePager } from './editors/ValuePager'
import { ZsetEditor } from './editors/ZsetEditor'
import { KeyPanelHeader } from './KeyPanelHeader'
import { displayKeyName } from './key-names'

/** Elements per page of a collection: a 100k-field hash arrives 100 fields at a time. */
const VALUE_PAGE_SIZE = 100

function nextPageOf(detail: RedisKeyDetail): RedisValuePage | undefined {
  const value = detail.value
  switch (value.type) {
    case 'hash':
    case 'set':
      return value.cursor === '0' ? undefined : { cursor: value.cursor, count: VALUE_PAGE_SIZE }
    case 'stream':
      return value.nextCursor === null ? undefined : { cursor: value.nextCursor, count: VALUE_PAGE_SIZE }
    case 'list':
    case 'zset':
      return value.nextOffset === null ? undefined : { offset: value.nextOffset, count: VALUE_PAGE_SIZE }
    default:
      return undefined
  }
}

function shownOnPage(detail: RedisKeyDetail): { first: number | undefined; shown: number } | undefined {
  const value = detail.value
  switch (value.type) {
    case 'hash':
      return { first: undefined, shown: value.fields.length }
    case 'set':
      return { first: undefined, shown: value.members.length }
    case 'stream':
      return { first: undefined, shown: value.entries.length }
    case 'list':
      return { first: value.offset + 1, shown: value.items.length }
    case 'zset':
      return { first: value.offset + 1, shown: value.members.length }
    default:
      return undefined
  }
}

async function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob)
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = fileName
  anchor.click()
  // The click has handed the blob to the download; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** The selected key: its header (TTL, rename, delete) and the editor of its type, page by page. */
export function KeyPanel({
  projectRef,
  connectionId,
  keyRef,
  canWrite,
  onTtlChanged,
  onDeleted,
  onRenamed,
}: {
  projectRef: string
  connectionId: string
  keyRef: RedisKeyRef
  canWrite: boolean
  /** The TTL read with the value, so the list's badge follows edits and countdowns. */
  onTtlChanged: (ttl: number | null) => void
  onDeleted: (key: RedisKeyRef) => void
  onRenamed: (from: RedisKeyRef, to: RedisKeyRef) => void
}) {
  const [page, setPage] = useState<RedisValuePage>({ count: VALUE_PAGE_SIZE })
  const [history, setHistory] = useState<RedisValuePage[]>([])
  const { data: detail, error, isLoading, isValidating } = useRedisKeyQuery({ ref: projectRef, connectionId, key: keyRef, page })
  const { trigger: update } = useRedisKeyUpdateMutation()

  const loadedTtl = detail?.ttl
  useEffect(() => {
    if (loadedTtl !== undefined) onTtlChanged(loadedTtl)
    // Only a new TTL is news; the callback changes with every render of the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadedTtl])

  const edit = async (body: RedisEditKeyBody): Promise<boolean> => {
    try {
      await update({ ref: projectRef, connectionId, key: keyRef, body: { valueEncoding: detail?.valueEncoding ?? 'utf8', ...body } })
      return true
    } catch (caught) {
      toastError(caught, 'The change was not saved')
      return false
    }
  }

  const download = async () => {
    const blob = await downloadRedisValue({ ref: projectRef, connectionId, key: keyRef, token: await getAccessToken() })
    await saveBlob(blob, keyRef.encoding === 'utf8' ? keyRef.name : 'redis-value.bin')
  }

  if (error) {
    return (
      <div className="p-4">
        <ErrorMessage error={error} title={error.status === 404 ? 'This key no longer exists' : `${displayKeyName(keyRef)} could not be read`} />
      </div>
    )
  }
  if (isLoading || !detail) return <Loading className="p-4" label="Loading value…" />

  const next = nextPageOf(detail)
  const position = shownOnPage(detail)
  const editorProps = { detail, canWrite, edit }
  const value = detail.value

  return (
    <div className="flex min-h-0 flex-1 flex-col" aria-label="Key details" role="region">
      <KeyPanelHeader projectRef={projectRef} connectionId={connectionId} detail={detail} canWrite={canWrite} onDeleted={onDeleted} onRenamed={onRenamed} />
      <div className="flex min-h-0 flex-1 flex-col gap-3 overflow-auto p-4">
        {detail.valueEncoding === 'base64' && value.type !== 'string' && (
          <p className="text-xs text-foreground-muted">Some elements are not valid UTF-8: every element is shown and edited as base64.</p>
        )}
        {value.type === 'string' && <StringEditor {...editorProps} value={value} onDownload={download} />}
        {value.type === 'hash' && <HashEditor {...editorProps} value={value} />}
        {value.type === 'list' && <ListEditor {...editorProps} value={value} />}
        {value.type === 'set' && <SetEditor {...editorProps} value={value} />}
        {value.type === 'zset' && <ZsetEditor {...editorProps} value={value} />}
        {value.type === 'stream' && <StreamEditor {...editorProps} value={value} />}
        {value.type === 'json' && <JsonEditor {...editorProps} value={value} />}
        {value.type === 'unsupported' && (
          <p className="text-xs text-foreground-muted">
            Values of the module type <span className="font-mono">{value.redisType}</span> cannot be shown here.
          </p>
        )}
        {position && (history.length > 0 || next) && (
          <ValuePager
            first={position.first}
            shown={position.shown}
            length={detail.length}
            hasPrevious={history.length > 0}
            hasNext={next !== undefined}
            loading={isValidating}
            onPrevious={() => {
              setPage(history[history.length - 1])
              setHistory(history.slice(0, -1))
            }}
            onNext={() => {
              if (!next) return
              setHistory([...history, page])
              setPage(next)
            }}
          />
        )}
      </div>
    </div>
  )
}
