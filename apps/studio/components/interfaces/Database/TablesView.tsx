import type { PgTable } from '@multibase/api-contracts'
import { Table2 } from 'lucide-react'
import { useRouter } from 'next/router'
import { useMemo } from 'react'

import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { useTablesQuery } from 'data/database/tables-query'
import { useProjectPermissions } from 'hooks/useProjectPermissions'
import { TableEditor } from './TableEditor'
import { TableList } from './TableList'

/**
 * Database → Tables: the schema's tables on the left, the chosen table's rows on the right. Schema
 * and table are kept in the URL (`?schema=&table=`), so a table can be linked and reloaded.
 */
export function TablesView({ projectRef, connectionId }: { projectRef: string; connectionId: string }) {
  const router = useRouter()
  const { can } = useProjectPermissions(projectRef)
  const { data: tables, error, isLoading } = useTablesQuery({ ref: projectRef, connectionId })

  const schema = typeof router.query.schema === 'string' ? router.query.schema : 'public'
  const tableName = typeof router.query.table === 'string' ? router.query.table : undefined
  const selected = useMemo(
    () => (tableName ? tables?.find((table) => table.schema === schema && table.name === tableName) : undefined),
    [tables, schema, tableName]
  )

  const navigate = (next: { schema: string; table?: string }) => {
    const query: Record<string, string | string[] | undefined> = { ...router.query, schema: next.schema }
    if (next.table) query.table = next.table
    else delete query.table
    void router.replace({ pathname: router.pathname, query }, undefined, { shallow: true })
  }

  if (error) {
    return (
      <div className="p-6">
        <ErrorMessage error={error} title="The tables could not be listed" />
      </div>
    )
  }
  if (isLoading || !tables) return <Loading className="p-6" />

  return (
    <div className="flex min-h-0 flex-1">
      <TableList
        tables={tables}
        schema={schema}
        onSchemaChange={(next) => navigate({ schema: next })}
        selectedId={selected?.id}
        onSelect={(table: PgTable) => navigate({ schema: table.schema, table: table.name })}
      />
      {selected ? (
        <TableEditor key={`${connectionId}:${selected.id}`} projectRef={projectRef} connectionId={connectionId} table={selected} canWrite={can('write')} />
      ) : (
        <div className="flex-1 p-6">
          <EmptyState
            icon={Table2}
            title={tableName ? `No table ${schema}.${tableName}` : 'Choose a table'}
            description={tableName ? 'It may have been dropped or renamed; pick one from the list.' : 'Pick a table on the left to browse, filter and edit its rows.'}
          />
        </div>
      )}
    </div>
  )
}
