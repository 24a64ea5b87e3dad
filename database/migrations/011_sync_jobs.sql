-- Sync jobs. A sync job is a saved definition (source and target connection of one project, scope,
-- mode, conflict policy) that can be run, paused and resumed many times; each run is one job of
-- the job base (platform.jobs, kind 'sync'), so heartbeats, takeover and audit are the job base's.
-- The definition keeps the copy's resume point across runs: a paused or stopped run ends its
-- platform job, and the next `start` continues from `checkpoint` here.
CREATE TABLE platform.sync_jobs (
  id                   uuid PRIMARY KEY,
  project_id           uuid NOT NULL REFERENCES platform.projects (id) ON DELETE CASCADE,
  name                 text NOT NULL,
  direction            text NOT NULL,
  source_connection_id uuid NOT NULL REFERENCES platform.database_connections (id) ON DELETE CASCADE,
  target_connection_id uuid NOT NULL REFERENCES platform.database_connections (id) ON DELETE CASCADE,
  definition           jsonb NOT NULL,
  state                text NOT NULL DEFAULT 'idle'
                       CHECK (state IN ('idle', 'running', 'pausing', 'paused', 'stopping', 'stopped', 'completed', 'failed')),
  run_job_id           uuid REFERENCES platform.jobs (id) ON DELETE SET NULL,
  checkpoint           jsonb,
  progress             jsonb NOT NULL DEFAULT '{}'::jsonb,
  error                text,
  created_by           uuid,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (source_connection_id <> target_connection_id)
);
CREATE INDEX sync_jobs_project_idx ON platform.sync_jobs (project_id, created_at DESC);

-- What a sync job's stream shows: state changes, progress per unit, warnings and errors. The
-- bigserial id is the SSE event id, so a client reconnecting with Last-Event-ID on any instance
-- reads exactly what it missed; instances learn of new events by polling past their last id.
CREATE TABLE platform.sync_job_events (
  id          bigserial PRIMARY KEY,
  sync_job_id uuid NOT NULL REFERENCES platform.sync_jobs (id) ON DELETE CASCADE,
  type        text NOT NULL CHECK (type IN ('state', 'progress', 'warning', 'error')),
  data        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_job_events_job_idx ON platform.sync_job_events (sync_job_id, id);
