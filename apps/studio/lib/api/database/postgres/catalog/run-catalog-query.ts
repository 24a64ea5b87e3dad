import type { Client } from 'pg'

/**
 * Catalog queries build their whole answer as one JSON document in Postgres (`json_agg`), so a
 * listing of thousands of tables is one round trip and reaches the client as one string that is
 * passed through to the HTTP response without being parsed and serialized again.
 */
export async function runCatalogJsonQuery(client: Client, text: string, values: unknown[]): Promise<string> {
  const result = await client.query<{ body: string | null }>({ text, values })
  return result.rows[0]?.body ?? '[]'
}
