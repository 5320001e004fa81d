-- Evidence the application's own role cannot rewrite (issue 13). The grants that keep the
-- runtime role from UPDATE, DELETE and TRUNCATE are applied after migrating (db/runtime-grants.ts,
-- it needs the role's name); these triggers also hold against the owner and against a role
-- that was granted too much.

-- Incident notes and attachments are evidence like task ones: never deleted.
DROP TRIGGER IF EXISTS incident_notes_no_delete ON incident_notes;--> statement-breakpoint
CREATE TRIGGER incident_notes_no_delete BEFORE DELETE ON incident_notes
  FOR EACH ROW EXECUTE FUNCTION tasks_refuse_delete();--> statement-breakpoint
DROP TRIGGER IF EXISTS incident_notes_no_truncate ON incident_notes;--> statement-breakpoint
CREATE TRIGGER incident_notes_no_truncate BEFORE TRUNCATE ON incident_notes
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_refuse_delete();--> statement-breakpoint
DROP TRIGGER IF EXISTS incident_attachments_no_delete ON incident_attachments;--> statement-breakpoint
CREATE TRIGGER incident_attachments_no_delete BEFORE DELETE ON incident_attachments
  FOR EACH ROW EXECUTE FUNCTION tasks_refuse_delete();--> statement-breakpoint
DROP TRIGGER IF EXISTS incident_attachments_no_truncate ON incident_attachments;--> statement-breakpoint
CREATE TRIGGER incident_attachments_no_truncate BEFORE TRUNCATE ON incident_attachments
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_refuse_delete();--> statement-breakpoint

-- An attachment's bytes, name and hash are never swapped after upload.
DROP TRIGGER IF EXISTS task_attachments_no_update ON task_attachments;--> statement-breakpoint
CREATE TRIGGER task_attachments_no_update BEFORE UPDATE ON task_attachments
  FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();--> statement-breakpoint
DROP TRIGGER IF EXISTS incident_attachments_no_update ON incident_attachments;--> statement-breakpoint
CREATE TRIGGER incident_attachments_no_update BEFORE UPDATE ON incident_attachments
  FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();--> statement-breakpoint

-- Its author may correct a note's text (the earlier text is kept in the chained activity log,
-- lib/tickets/notes.ts), but who wrote it, when, and on which item never change.
CREATE OR REPLACE FUNCTION note_refuse_rewrite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (to_jsonb(NEW) - 'body' - 'edited_at' - 'version')
     IS DISTINCT FROM (to_jsonb(OLD) - 'body' - 'edited_at' - 'version') THEN
    RAISE EXCEPTION '%: only a note''s text can be corrected', TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS task_notes_no_rewrite ON task_notes;--> statement-breakpoint
CREATE TRIGGER task_notes_no_rewrite BEFORE UPDATE ON task_notes
  FOR EACH ROW EXECUTE FUNCTION note_refuse_rewrite();--> statement-breakpoint
DROP TRIGGER IF EXISTS incident_notes_no_rewrite ON incident_notes;--> statement-breakpoint
CREATE TRIGGER incident_notes_no_rewrite BEFORE UPDATE ON incident_notes
  FOR EACH ROW EXECUTE FUNCTION note_refuse_rewrite();--> statement-breakpoint

-- The event store makes and drops daily partitions at run time, which needs the owner of
-- `events`. The runtime role owns nothing, so both run as the schema owner (SECURITY DEFINER)
-- and do only that: the name is built or checked here, never taken as SQL.
CREATE OR REPLACE FUNCTION events_ensure_partition(day date) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  name text := 'events_' || to_char(day, 'YYYYMMDD');
BEGIN
  EXECUTE format(
    'CREATE TABLE IF NOT EXISTS %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
    name,
    (day::timestamp AT TIME ZONE 'UTC'),
    ((day + 1)::timestamp AT TIME ZONE 'UTC')
  );
  RETURN name;
END;
$$;--> statement-breakpoint
-- DETACH ... CONCURRENTLY cannot run inside a function, so a role that does not own `events`
-- detaches with the plain form under a short lock timeout: a day that cannot get its lock
-- quickly is retried on the next run instead of stalling searches and ingest behind it.
CREATE OR REPLACE FUNCTION events_remove_partition(partition_name text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  attached boolean;
BEGIN
  IF partition_name !~ '^events_[0-9]{8}$' THEN
    RAISE EXCEPTION '% is not an events partition', partition_name
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF to_regclass(partition_name) IS NULL THEN
    RETURN false;
  END IF;
  SELECT EXISTS (
    SELECT 1 FROM pg_inherits
    WHERE inhrelid = to_regclass(partition_name) AND inhparent = 'events'::regclass
  ) INTO attached;
  PERFORM set_config('lock_timeout', '5s', true);
  IF attached THEN
    EXECUTE format('ALTER TABLE events DETACH PARTITION %I', partition_name);
  END IF;
  EXECUTE format('DROP TABLE %I', partition_name);
  RETURN true;
END;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION events_remove_partition(text) FROM PUBLIC;--> statement-breakpoint

-- The hash chain. A link's text is the previous link's hash, its position and the activity
-- row's canonical text: every column, the time in UTC to the microsecond (never the session's
-- zone), `changes` as jsonb prints it (keys in a fixed order). lib/audit/verify-chain.ts
-- rebuilds the same text with built-in functions and hashes it itself, so a replaced function
-- here cannot make a rewritten row verify.
-- STABLE and without a SET clause so that it is inlined into the trigger's expression.
CREATE OR REPLACE FUNCTION activity_log_canonical(a activity_log) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    a.id,
    to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    a.actor_id, a.actor_label, a.action, a.entity_type, a.entity_id, a.changes,
    a.request_id, a.client_address
  )::text
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION activity_chain_link(prev text, seq bigint, canonical text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(prev || '|' || seq::text || '|' || canonical, 'UTF8')), 'hex')
$$;--> statement-breakpoint

-- A deferred constraint trigger: links are appended when the writing transaction commits, in
-- commit order, under one transaction-level advisory lock. Taken at commit, the lock is held
-- only for the last moments of the transaction and after every other lock it holds, so it
-- cannot deadlock with the work before it; READ COMMITTED gives each statement a fresh
-- snapshot, so the head read after the lock is the head the previous holder committed. A
-- transaction with an older snapshot (REPEATABLE READ) that read a stale head collides on the
-- primary key of `seq` and fails rather than forking the chain.
--
-- The head is read from the table once per transaction (dynamic SQL, so it is planned with
-- today's statistics, never a plan cached when the table was empty) and then kept in a
-- transaction-local setting: the lock is held until commit, so no one else can move it, and
-- a bulk close's thousands of links cost one lookup, not thousands.
CREATE OR REPLACE FUNCTION activity_chain_append() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  cached text := current_setting('vigil.chain_head', true);
  head_seq bigint;
  head_hash text;
BEGIN
  IF cached IS NULL OR cached = '' THEN
    PERFORM pg_advisory_xact_lock(7266130013);
    EXECUTE 'SELECT seq, hash FROM public.activity_chain ORDER BY seq DESC LIMIT 1'
      INTO head_seq, head_hash;
  ELSE
    head_seq := split_part(cached, ':', 1)::bigint;
    head_hash := split_part(cached, ':', 2);
  END IF;
  head_seq := coalesce(head_seq, 0) + 1;
  head_hash := activity_chain_link(coalesce(head_hash, ''), head_seq, activity_log_canonical(NEW));
  INSERT INTO activity_chain (seq, activity_id, hash) VALUES (head_seq, NEW.id, head_hash);
  PERFORM set_config('vigil.chain_head', head_seq || ':' || head_hash, true);
  RETURN NULL;
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS activity_log_chain ON activity_log;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER activity_log_chain AFTER INSERT ON activity_log
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION activity_chain_append();--> statement-breakpoint

-- The chain itself is append-only too.
DROP TRIGGER IF EXISTS activity_chain_no_update_delete ON activity_chain;--> statement-breakpoint
CREATE TRIGGER activity_chain_no_update_delete BEFORE UPDATE OR DELETE ON activity_chain
  FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();--> statement-breakpoint
DROP TRIGGER IF EXISTS activity_chain_no_truncate ON activity_chain;--> statement-breakpoint
CREATE TRIGGER activity_chain_no_truncate BEFORE TRUNCATE ON activity_chain
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();--> statement-breakpoint

-- Genesis: the rows written before the chain existed are linked once, in id order.
DO $$
DECLARE
  r activity_log;
  n bigint := 0;
  h text := '';
BEGIN
  IF EXISTS (SELECT 1 FROM activity_chain) THEN
    RETURN;
  END IF;
  FOR r IN SELECT * FROM activity_log ORDER BY id LOOP
    n := n + 1;
    h := activity_chain_link(h, n, activity_log_canonical(r));
    INSERT INTO activity_chain (seq, activity_id, hash) VALUES (n, r.id, h);
  END LOOP;
END;
$$;
