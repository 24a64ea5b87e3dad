export * from './errors'
export * from './connections'
export * from './platform'
export * from './postgres'
