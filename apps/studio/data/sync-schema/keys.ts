export const syncSchemaPath = (ref: string, operation: 'validate' | 'generate-migration') => `/api/platform/sync/${ref}/${operation}`

export const syncSchemaKeys = {
  validate: (ref: string) => ['sync', ref, 'validate'] as const,
  migration: (ref: string) => ['sync', ref, 'generate-migration'] as const,
}
