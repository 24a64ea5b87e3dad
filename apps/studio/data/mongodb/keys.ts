/** SWR keys of the MongoDB panels; every key starts with the project and the connection. */
export const mongoKeys = {
  all: (ref: string, connectionId: string) => ['mongodb', ref, connectionId] as const,
  databases: (ref: string, connectionId: string) => ['mongodb', ref, connectionId, 'databases'] as const,
  collections: (ref: string, connectionId: string, db: string) => ['mongodb', ref, connectionId, 'collections', db] as const,
  documents: (ref: string, connectionId: string, db: string, coll: string, query: string) =>
    ['mongodb', ref, connectionId, 'documents', db, coll, query] as const,
  indexes: (ref: string, connectionId: string, db: string, coll: string) => ['mongodb', ref, connectionId, 'indexes', db, coll] as const,
  preview: (ref: string, connectionId: string, db: string, coll: string, pipeline: string) =>
    ['mongodb', ref, connectionId, 'preview', db, coll, pipeline] as const,
}

/** Which server and namespace an operation works on. */
export interface MongoTarget {
  ref: string
  connectionId: string
}
export interface MongoCollectionTarget extends MongoTarget {
  db: string
  coll: string
}

const base = (ref: string) => `/api/platform/mongodb/${encodeURIComponent(ref)}/databases`

export const mongoPaths = {
  databases: (ref: string) => base(ref),
  database: (ref: string, db: string) => `${base(ref)}/${encodeURIComponent(db)}`,
  collections: (ref: string, db: string) => `${base(ref)}/${encodeURIComponent(db)}/collections`,
  collection: (ref: string, db: string, coll: string) => `${base(ref)}/${encodeURIComponent(db)}/collections/${encodeURIComponent(coll)}`,
}

/** True for every SWR key of one collection's documents (any query), to revalidate them after a write. */
export const isDocumentsKeyOf = (target: MongoCollectionTarget) => (key: unknown) =>
  Array.isArray(key) &&
  key[0] === 'mongodb' &&
  key[1] === target.ref &&
  key[2] === target.connectionId &&
  key[3] === 'documents' &&
  key[4] === target.db &&
  key[5] === target.coll

/** True for the collection listings of one database (their counts change after any write). */
export const isCollectionsKeyOf = (target: MongoTarget & { db: string }) => (key: unknown) =>
  Array.isArray(key) && key[0] === 'mongodb' && key[1] === target.ref && key[2] === target.connectionId && key[3] === 'collections' && key[4] === target.db
