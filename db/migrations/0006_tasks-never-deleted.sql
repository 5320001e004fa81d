-- Tasks are evidence that each required review happened: no one deletes a task, its notes
-- or its attachments, not even the application's own database role. (Updates are allowed:
-- a task changes state, and every change is in the activity log.)
CREATE FUNCTION tasks_refuse_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is never deleted: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER tasks_no_delete
  BEFORE DELETE ON tasks
  FOR EACH ROW EXECUTE FUNCTION tasks_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER tasks_no_truncate
  BEFORE TRUNCATE ON tasks
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER task_notes_no_delete
  BEFORE DELETE ON task_notes
  FOR EACH ROW EXECUTE FUNCTION tasks_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER task_notes_no_truncate
  BEFORE TRUNCATE ON task_notes
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER task_attachments_no_delete
  BEFORE DELETE ON task_attachments
  FOR EACH ROW EXECUTE FUNCTION tasks_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER task_attachments_no_truncate
  BEFORE TRUNCATE ON task_attachments
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_refuse_delete();
