-- Backups of a project's Postgres, Redis and MongoDB connections. The bytes live in the BackupStore
-- (a local folder or an S3 bucket, under a generated object key); this row is the catalogue every
-- Studio instance shares: what was backed up, by which job, where it is stored and its sha256, so a
-- verify or restore on any instance can prove the stored bytes are the ones written.
CREATE TABLE platform.backups (
  id             uuid PRIMARY KEY,
  project_id     uuid NOT NULL REFERENCES platform.projects (id) ON DELETE CASCADE,
  -- A backup outlives its connection (it can be restored into another one).
  connection_id  uuid REFERENCES platform.database_connections (id) ON DELETE SET NULL,
  engine         text NOT NULL CHECK (engine IN ('postgres', 'redis', 'mongodb')),
  kind           text NOT NULL CHECK (kind IN ('full', 'schema', 'data')),
  status         text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
  job_id         uuid,
  scope          jsonb NOT NULL DEFAULT '{}'::jsonb,
  object_key     text NOT NULL,
  size_bytes     bigint,
  sha256         text,
  duration_ms    integer,
  engine_version text,
  error          text,
  created_by     uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz
);
CREATE INDEX backups_project_idx ON platform.backups (project_id, created_at DESC);
CREATE INDEX backups_connection_idx ON platform.backups (project_id, connection_id, status, finished_at DESC);
