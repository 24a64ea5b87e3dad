import type { ZodError } from 'zod'

/** The first message per top-level field of a failed zod parse. */
export function fieldErrors<Field extends string>(error: ZodError): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '') as Field
    errors[field] ??= issue.message
  }
  return errors
}

/** "My Company" → "my-company": a starting point for a slug or ref the user can still edit. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
}
