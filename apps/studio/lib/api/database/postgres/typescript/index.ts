import type { Client } from 'pg'
import type { PgTypescriptQuery } from '@multibase/api-contracts'

import { loadGeneratorMetadata } from './metadata'
import { renderTypescript } from './render'

/** GET generators/typescript: the Database types of the filtered schemas, as postgres-meta writes them. */
export async function generateTypescript(client: Client, query: PgTypescriptQuery): Promise<string> {
  const meta = await loadGeneratorMetadata(client, query)
  return renderTypescript(meta, {
    detectOneToOneRelationships: query.detect_one_to_one_relationships,
    postgrestVersion: query.postgrest_version,
  })
}
