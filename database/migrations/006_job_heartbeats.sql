-- Jobs that survive their worker. platform.jobs becomes the authority on a job's life: pg-boss only
-- hands a new job to some instance, which then holds it by heartbeat. A job whose worker stopped
-- heartbeating (killed, or handed back on SIGTERM with worker_id cleared) is claimed by another
-- instance and resumed from `checkpoint`, the worker's own resume state saved after every batch.
-- `payload` is the job's input (never a secret: connections are referenced by id), kept here so the
-- instance that takes a job over needs nothing from the instance that started it.
ALTER TABLE platform.jobs
  ADD COLUMN state        text NOT NULL DEFAULT 'created'
                          CHECK (state IN ('created', 'active', 'completed', 'cancelled', 'failed')),
  ADD COLUMN worker_id    text,
  ADD COLUMN heartbeat_at timestamptz,
  ADD COLUMN payload      jsonb,
  ADD COLUMN checkpoint   jsonb,
  ADD COLUMN attempts     integer NOT NULL DEFAULT 0,
  ADD COLUMN started_at   timestamptz,
  ADD COLUMN finished_at  timestamptz;

-- Jobs that ended before this migration keep the state their worker recorded.
UPDATE platform.jobs
   SET state = CASE WHEN result->>'state' IN ('completed', 'cancelled', 'failed') THEN result->>'state' ELSE 'failed' END,
       finished_at = updated_at
 WHERE result IS NOT NULL;

-- The sweeper looks only at unfinished jobs.
CREATE INDEX jobs_unfinished_idx ON platform.jobs (heartbeat_at) WHERE result IS NULL;
