import { Badge, type BadgeVariant } from 'components/ui/Badge'
import type { OpenApiOperation } from 'data/openapi/openapi-document-query'

const METHOD_VARIANT: Record<string, BadgeVariant> = { get: 'brand', post: 'default', put: 'warning', patch: 'warning', delete: 'destructive' }

/** A schema shown as the JSON Schema the document holds: exact, and readable enough for a reference. */
function SchemaBlock({ label, schema }: { label: string; schema: unknown }) {
  if (schema === undefined) return null
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-xs text-foreground-light">{label}</summary>
      <pre className="mt-1 max-h-80 overflow-auto rounded border border-border bg-surface p-2 font-mono text-xxs">{JSON.stringify(schema, null, 2)}</pre>
    </details>
  )
}

/** One method of one path: summary, permission, parameters, request body and responses. */
export function ApiOperation({ method, path, operation }: { method: string; path: string; operation: OpenApiOperation }) {
  const body = operation.requestBody?.content?.['application/json']?.schema
  const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'))
  const successSchema = success ? Object.values(success[1].content ?? {})[0]?.schema : undefined
  return (
    <li className="border-b border-border py-3" data-testid="api-operation">
      <div className="flex items-center gap-2">
        <Badge variant={METHOD_VARIANT[method] ?? 'default'} className="w-16 justify-center">{method}</Badge>
        <code className="font-mono text-sm">{path}</code>
      </div>
      <p className="mt-1 text-sm">{operation.summary}</p>
      {operation.description && <p className="text-xs text-foreground-light">{operation.description}</p>}
      {operation.parameters && operation.parameters.length > 0 && (
        <table className="mt-2 text-xs">
          <tbody>
            {operation.parameters.map((parameter) => (
              <tr key={`${parameter.in}:${parameter.name}`}>
                <td className="pr-3 font-mono">{parameter.name}</td>
                <td className="pr-3 text-foreground-light">{parameter.in}</td>
                <td className="pr-3 text-foreground-light">{parameter.required ? 'required' : 'optional'}</td>
                <td className="font-mono text-foreground-light">{String(parameter.schema?.type ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SchemaBlock label="Request body" schema={body} />
      {success && <SchemaBlock label={`Response ${success[0]}`} schema={successSchema} />}
      <p className="mt-1 text-xxs text-foreground-light">Errors: {Object.keys(operation.responses).filter((status) => !status.startsWith('2')).join(', ')}</p>
    </li>
  )
}
