-- Connections to the user databases a project manages (Postgres, Redis, MongoDB), and the audit log
-- of every data-changing call.
CREATE TYPE platform.database_type AS ENUM ('postgres', 'redis', 'mongodb');

CREATE TABLE platform.database_connections (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id     uuid NOT NULL REFERENCES platform.projects (id) ON DELETE CASCADE,
  database_type  platform.database_type NOT NULL,
  identifier     text NOT NULL CHECK (length(identifier) BETWEEN 1 AND 100),
  host           text NOT NULL,
  port           integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  username       text,
  options        jsonb NOT NULL DEFAULT '{}'::jsonb,
  is_primary     boolean NOT NULL DEFAULT false,
  status         text NOT NULL DEFAULT 'unknown' CHECK (status IN ('unknown', 'active', 'error')),
  last_checked_at timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, database_type, identifier)
);
-- At most one primary connection per engine and project.
CREATE UNIQUE INDEX database_connections_one_primary
  ON platform.database_connections (project_id, database_type) WHERE is_primary;

CREATE TABLE platform.audit_log (
  id          bigserial PRIMARY KEY,
  created_at  timestamptz NOT NULL DEFAULT now(),
  request_id  text NOT NULL,
  user_id     uuid,
  project_id  uuid REFERENCES platform.projects (id) ON DELETE SET NULL,
  action      text NOT NULL,
  target      text,
  status      integer NOT NULL,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_project_idx ON platform.audit_log (project_id, created_at DESC);
