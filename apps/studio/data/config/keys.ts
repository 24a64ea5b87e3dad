export const configKeys = {
  studio: () => ['config'] as const,
}
