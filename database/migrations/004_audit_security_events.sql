-- The audit log also keeps security events. `kind` tells a data change (write permission), an
-- administrative change (admin permission: connections, members) and a security event (a denial:
-- 401, 403, a 404 for a non-member, 415, 421, a refused origin, an authentication outage, a tampered
-- secret). `route` is the template the API router matched, never a path rebuilt from values;
-- `project_ref` names the project a pre-authentication denial was aimed at, whose id is then unknown
-- or not the caller's to learn; `ip` and `user_email` say who was refused.
ALTER TABLE platform.audit_log
  ADD COLUMN kind        text NOT NULL DEFAULT 'data' CHECK (kind IN ('data', 'admin', 'security')),
  ADD COLUMN route       text,
  ADD COLUMN code        text,
  ADD COLUMN project_ref text,
  ADD COLUMN ip          text,
  ADD COLUMN user_email  text;

CREATE INDEX audit_log_project_kind_idx ON platform.audit_log (project_id, kind, created_at DESC, id DESC);
CREATE INDEX audit_log_ref_security_idx ON platform.audit_log (project_ref, created_at DESC, id DESC)
  WHERE project_id IS NULL AND kind = 'security';
