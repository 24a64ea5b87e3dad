-- The platform schema: organizations, projects, who may do what to them, and encrypted secrets.
-- A user's rights come from these tables, never from token metadata.
CREATE SCHEMA IF NOT EXISTS platform;

CREATE TYPE platform.member_role AS ENUM ('owner', 'admin', 'developer', 'read_only');

CREATE TABLE platform.organizations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE platform.projects (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES platform.organizations (id) ON DELETE CASCADE,
  ref             text NOT NULL UNIQUE CHECK (ref ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projects_organization_idx ON platform.projects (organization_id);

-- Roles are granted on an organization (to every project in it) or on one project; a user's role on
-- a project is the higher of the two. Users are GoTrue users (their JWT `sub`).
CREATE TABLE platform.organization_members (
  organization_id uuid NOT NULL REFERENCES platform.organizations (id) ON DELETE CASCADE,
  user_id         uuid NOT NULL,
  role            platform.member_role NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_members_user_idx ON platform.organization_members (user_id);

CREATE TABLE platform.members (
  project_id  uuid NOT NULL REFERENCES platform.projects (id) ON DELETE CASCADE,
  user_id     uuid NOT NULL,
  role        platform.member_role NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX members_user_idx ON platform.members (user_id);

-- Encrypted secrets (AES-256-GCM). `key_id` names the key of ENCRYPTION_KEYS that sealed the value so
-- keys can be rotated; the IV is fresh per value and the tag authenticates it.
CREATE TABLE platform.credentials (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id  uuid NOT NULL REFERENCES platform.projects (id) ON DELETE CASCADE,
  owner_id    uuid NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('password', 'url', 'tls_key')),
  key_id      text NOT NULL,
  iv          bytea NOT NULL CHECK (length(iv) = 12),
  auth_tag    bytea NOT NULL CHECK (length(auth_tag) = 16),
  ciphertext  bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_id, kind)
);
CREATE INDEX credentials_project_idx ON platform.credentials (project_id);
