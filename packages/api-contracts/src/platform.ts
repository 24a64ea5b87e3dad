import { z } from 'zod'

export const memberRoleSchema = z.enum(['owner', 'admin', 'developer', 'read_only'])
export type MemberRole = z.infer<typeof memberRoleSchema>

const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Use 1–63 lowercase letters, digits and dashes, starting with a letter or digit')

export const createOrganizationSchema = z.object({ name: z.string().trim().min(1).max(100), slug }).strict()
export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>

export const createProjectSchema = z.object({
  organizationId: z.string().uuid(),
  name: z.string().trim().min(1).max(100),
  ref: slug,
}).strict()
export type CreateProjectInput = z.infer<typeof createProjectSchema>

// Request bodies are strict: an unknown field is a 400, never silently dropped.
export const addMemberSchema = z.object({ userId: z.string().uuid(), role: memberRoleSchema }).strict()
export const updateMemberSchema = z.object({ userId: z.string().uuid(), role: memberRoleSchema }).strict()
export const removeMemberSchema = z.object({ userId: z.string().uuid() }).strict()

export const projectSummarySchema = z.object({
  id: z.string(),
  ref: z.string(),
  name: z.string(),
  organization_id: z.string(),
  organization_name: z.string(),
  role: memberRoleSchema,
  created_at: z.string(),
})
export type ProjectSummary = z.infer<typeof projectSummarySchema>

export const organizationSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  role: memberRoleSchema,
})
export type OrganizationSummary = z.infer<typeof organizationSummarySchema>

/** `GET /api/config`: public, read before sign-in; the mode comes from the server at runtime. */
export const studioConfigSchema = z.object({ isPlatform: z.boolean(), gotrueUrl: z.string().nullable() })
export type StudioConfig = z.infer<typeof studioConfigSchema>

/** `GET /api/platform/profile`. */
export const profileSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  local: z.boolean(),
  isPlatform: z.boolean(),
})
export type Profile = z.infer<typeof profileSchema>

/** `GET /api/platform/projects/[ref]`: the project and the caller's role on it. */
export const projectDetailSchema = z.object({
  id: z.string(),
  ref: z.string(),
  name: z.string(),
  organizationId: z.string(),
  role: memberRoleSchema,
})
export type ProjectDetail = z.infer<typeof projectDetailSchema>

/** `POST /api/platform/projects` answer. */
export const createdProjectSchema = z.object({ id: z.string(), ref: z.string(), name: z.string(), organization_id: z.string() })
export type CreatedProject = z.infer<typeof createdProjectSchema>
