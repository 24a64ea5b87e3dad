-- The platform change feed: every change to who may access what (members, organization members,
-- projects, connections and their credentials) is announced on the `platform_changes` channel, so
-- every Studio instance can drop cached authorization, replace pools and close WebSockets that lost
-- access. The payload names only ids (never a secret), well under NOTIFY's 8000-byte limit.
CREATE OR REPLACE FUNCTION platform.notify_platform_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  affected jsonb := to_jsonb(coalesce(NEW, OLD));
  payload jsonb;
BEGIN
  -- A connection test only records status/last_checked_at: nobody's access or pool changes.
  IF TG_TABLE_NAME = 'database_connections' AND TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - 'status' - 'last_checked_at') = (to_jsonb(OLD) - 'status' - 'last_checked_at') THEN
    RETURN NULL;
  END IF;
  payload := jsonb_build_object('table', TG_TABLE_NAME, 'op', TG_OP);
  CASE TG_TABLE_NAME
    WHEN 'members' THEN
      payload := payload || jsonb_build_object('project_id', affected->'project_id', 'user_id', affected->'user_id');
    WHEN 'organization_members' THEN
      payload := payload || jsonb_build_object('organization_id', affected->'organization_id', 'user_id', affected->'user_id');
    WHEN 'projects' THEN
      payload := payload || jsonb_build_object('project_id', affected->'id', 'organization_id', affected->'organization_id');
    WHEN 'database_connections' THEN
      payload := payload || jsonb_build_object('project_id', affected->'project_id', 'connection_id', affected->'id');
    WHEN 'credentials' THEN
      payload := payload || jsonb_build_object('project_id', affected->'project_id', 'connection_id', affected->'owner_id');
    ELSE
      NULL;
  END CASE;
  PERFORM pg_notify('platform_changes', payload::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER members_notify_change
  AFTER INSERT OR UPDATE OR DELETE ON platform.members
  FOR EACH ROW EXECUTE FUNCTION platform.notify_platform_change();
CREATE TRIGGER organization_members_notify_change
  AFTER INSERT OR UPDATE OR DELETE ON platform.organization_members
  FOR EACH ROW EXECUTE FUNCTION platform.notify_platform_change();
CREATE TRIGGER projects_notify_change
  AFTER INSERT OR UPDATE OR DELETE ON platform.projects
  FOR EACH ROW EXECUTE FUNCTION platform.notify_platform_change();
CREATE TRIGGER database_connections_notify_change
  AFTER INSERT OR UPDATE OR DELETE ON platform.database_connections
  FOR EACH ROW EXECUTE FUNCTION platform.notify_platform_change();
CREATE TRIGGER credentials_notify_change
  AFTER INSERT OR UPDATE OR DELETE ON platform.credentials
  FOR EACH ROW EXECUTE FUNCTION platform.notify_platform_change();
