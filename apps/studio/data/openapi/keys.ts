export const openApiKeys = {
  document: () => ['openapi-document'] as const,
}
