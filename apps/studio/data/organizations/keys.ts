export const organizationKeys = {
  list: () => ['organizations'] as const,
}
