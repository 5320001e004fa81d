-- The dashboard's monthly rollup (incident_close_months), kept exact by statement triggers
-- on incidents: each statement adds the closed incidents it leaves and subtracts those it
-- found, grouped by (month closed in the organization's zone, severity, owner), so a reopen,
-- an edit of a closed incident's timestamps or severity, or a reassignment moves its share
-- from one row to another. Changes that cancel out (a title edit) write nothing. A change
-- of the organization's zone moves month boundaries, so it rebuilds the table.
CREATE FUNCTION incident_close_fact(
  p_created_at timestamptz, p_response_due_at timestamptz, p_responded_at timestamptz,
  p_closed_at timestamptz, p_owner_user_id uuid, p_owner_team_id uuid, p_zone text,
  OUT month date, OUT owner text, OUT responded int, OUT within_target int,
  OUT respond_ms bigint, OUT close_ms bigint
) LANGUAGE sql IMMUTABLE AS $$
  SELECT
    date_trunc('month', p_closed_at AT TIME ZONE p_zone)::date,
    CASE WHEN p_owner_user_id IS NOT NULL THEN 'user:' || p_owner_user_id
         WHEN p_owner_team_id IS NOT NULL THEN 'team:' || p_owner_team_id ELSE '' END,
    (p_responded_at IS NOT NULL)::int,
    coalesce(p_responded_at <= p_response_due_at, false)::int,
    coalesce(round(extract(epoch FROM p_responded_at - p_created_at) * 1000)::bigint, 0),
    round(extract(epoch FROM p_closed_at - p_created_at) * 1000)::bigint
$$;
--> statement-breakpoint
CREATE FUNCTION organization_zone() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT time_zone FROM organization WHERE id = 1), 'UTC')
$$;
--> statement-breakpoint
CREATE FUNCTION incident_close_months_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
    ELSE 'SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1 AS sign, * FROM new_rows' END;
BEGIN
  EXECUTE format($q$
    INSERT INTO incident_close_months AS m
      (month, severity, owner, closed, responded, within_target, respond_ms, close_ms)
    SELECT f.month, d.severity, f.owner, sum(d.sign)::int, sum(d.sign * f.responded)::int,
      sum(d.sign * f.within_target)::int, sum(d.sign * f.respond_ms)::bigint,
      sum(d.sign * f.close_ms)::bigint
    FROM (%s) d
    CROSS JOIN LATERAL incident_close_fact(d.created_at, d.response_due_at, d.responded_at,
      d.closed_at, d.owner_user_id, d.owner_team_id, $1) f
    WHERE d.state = 'closed' AND d.closed_at IS NOT NULL
    GROUP BY f.month, d.severity, f.owner
    HAVING sum(d.sign) <> 0 OR sum(d.sign * f.responded) <> 0
      OR sum(d.sign * f.within_target) <> 0 OR sum(d.sign * f.respond_ms) <> 0
      OR sum(d.sign * f.close_ms) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (month, severity, owner) DO UPDATE SET
      closed = m.closed + excluded.closed,
      responded = m.responded + excluded.responded,
      within_target = m.within_target + excluded.within_target,
      respond_ms = m.respond_ms + excluded.respond_ms,
      close_ms = m.close_ms + excluded.close_ms
  $q$, delta) USING organization_zone();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER incident_close_months_insert AFTER INSERT ON incidents
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_close_months_change();
--> statement-breakpoint
CREATE TRIGGER incident_close_months_update AFTER UPDATE ON incidents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_close_months_change();
--> statement-breakpoint
CREATE TRIGGER incident_close_months_delete AFTER DELETE ON incidents
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_close_months_change();
--> statement-breakpoint
CREATE FUNCTION incident_close_months_rebuild() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.time_zone IS NOT DISTINCT FROM NEW.time_zone THEN
    RETURN NULL;
  END IF;
  DELETE FROM incident_close_months;
  INSERT INTO incident_close_months
    (month, severity, owner, closed, responded, within_target, respond_ms, close_ms)
  SELECT f.month, i.severity, f.owner, count(*)::int, sum(f.responded)::int,
    sum(f.within_target)::int, sum(f.respond_ms)::bigint, sum(f.close_ms)::bigint
  FROM incidents i
  CROSS JOIN LATERAL incident_close_fact(i.created_at, i.response_due_at, i.responded_at,
    i.closed_at, i.owner_user_id, i.owner_team_id, NEW.time_zone) f
  WHERE i.state = 'closed' AND i.closed_at IS NOT NULL
  GROUP BY f.month, i.severity, f.owner;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER incident_close_months_zone AFTER INSERT OR UPDATE OF time_zone ON organization
  FOR EACH ROW EXECUTE FUNCTION incident_close_months_rebuild();
--> statement-breakpoint
INSERT INTO incident_close_months
  (month, severity, owner, closed, responded, within_target, respond_ms, close_ms)
SELECT f.month, i.severity, f.owner, count(*)::int, sum(f.responded)::int,
  sum(f.within_target)::int, sum(f.respond_ms)::bigint, sum(f.close_ms)::bigint
FROM incidents i
CROSS JOIN LATERAL incident_close_fact(i.created_at, i.response_due_at, i.responded_at,
  i.closed_at, i.owner_user_id, i.owner_team_id, organization_zone()) f
WHERE i.state = 'closed' AND i.closed_at IS NOT NULL
GROUP BY f.month, i.severity, f.owner;
