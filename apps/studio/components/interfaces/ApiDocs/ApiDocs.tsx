import { useMemo, useState } from 'react'

import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Input } from 'components/ui/Input'
import { Loading } from 'components/ui/Loading'
import { openApiOperationSchema, useOpenApiDocumentQuery, type OpenApiOperation } from 'data/openapi/openapi-document-query'
import { ApiOperation } from './ApiOperation'

interface Entry {
  method: string
  path: string
  operation: OpenApiOperation
}

/**
 * The platform API reference, rendered from /api/platform/openapi.json by the Studio itself (no
 * third-party viewer, nothing loaded from elsewhere), grouped by tag and filterable by path.
 */
export function ApiDocs() {
  const { data, error, isLoading } = useOpenApiDocumentQuery()
  const [filter, setFilter] = useState('')
  const groups = useMemo(() => {
    const byTag = new Map<string, Entry[]>()
    for (const [path, methods] of Object.entries(data?.paths ?? {})) {
      if (filter && !path.toLowerCase().includes(filter.toLowerCase())) continue
      for (const [method, raw] of Object.entries(methods)) {
        const parsed = openApiOperationSchema.safeParse(raw)
        if (!parsed.success) continue
        const tag = parsed.data.tags?.[0] ?? 'other'
        byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, operation: parsed.data }])
      }
    }
    return [...byTag.entries()]
  }, [data, filter])

  if (isLoading) return <Loading className="m-8" />
  if (error || !data) return <ErrorMessage error={error} title="The API document could not be loaded" />
  return (
    <div className="mx-auto max-w-5xl p-6">
      <h1 className="text-lg">{data.info.title}</h1>
      <p className="text-sm text-foreground-light">
        OpenAPI {data.openapi}, version {data.info.version}. {data.info.description}{' '}
        <a className="underline" href="/api/platform/openapi.json">openapi.json</a>
      </p>
      <Input className="mt-4 w-80" placeholder="Filter by path" aria-label="Filter by path" value={filter} onChange={(event) => setFilter(event.target.value)} />
      {groups.map(([tag, entries]) => (
        <section key={tag} className="mt-6">
          <h2 className="text-sm font-medium uppercase text-foreground-light">{tag}</h2>
          <ul>
            {entries.map((entry) => (
              <ApiOperation key={`${entry.method} ${entry.path}`} {...entry} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}
