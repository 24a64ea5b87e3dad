export const adminKeys = {
  features: () => ['features'] as const,
  users: () => ['admin', 'users'] as const,
  jobs: (state: string | undefined) => ['admin', 'jobs', state ?? 'all'] as const,
  analytics: (days: number) => ['admin', 'analytics', days] as const,
  securityEvents: () => ['admin', 'security-events'] as const,
  status: () => ['admin', 'status'] as const,
}
