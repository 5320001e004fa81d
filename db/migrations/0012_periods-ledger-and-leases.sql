CREATE TYPE "public"."period_outcome" AS ENUM('task', 'missed');--> statement-breakpoint
CREATE TABLE "schedule_periods" (
	"schedule_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"occurrence_at" timestamp with time zone NOT NULL,
	"outcome" "period_outcome" NOT NULL,
	"task_id" uuid,
	"reason" text DEFAULT '' NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_periods_schedule_id_period_key_pk" PRIMARY KEY("schedule_id","period_key"),
	CONSTRAINT "schedule_periods_task_outcome" CHECK (("schedule_periods"."outcome" = 'task') = ("schedule_periods"."task_id" is not null))
);
--> statement-breakpoint
DROP INDEX "tasks_schedule_occurrence_key";--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "fallback_owner_user_id" uuid;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "fallback_owner_team_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "period_key" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "late_reason" text;--> statement-breakpoint
ALTER TABLE "task_schedules" ADD COLUMN "rule_effective_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "task_schedules" ADD COLUMN "accounted_through" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "task_schedules" ADD COLUMN "next_occurrence_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "task_schedules" ADD COLUMN "generation_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "task_schedules" ADD COLUMN "last_generation_error" text;--> statement-breakpoint
ALTER TABLE "schedule_periods" ADD CONSTRAINT "schedule_periods_schedule_id_task_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."task_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_periods" ADD CONSTRAINT "schedule_periods_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "schedule_periods_occurrence_idx" ON "schedule_periods" USING btree ("schedule_id","occurrence_at");--> statement-breakpoint
CREATE INDEX "schedule_periods_missed_idx" ON "schedule_periods" USING btree ("recorded_at") WHERE "schedule_periods"."outcome" = 'missed';--> statement-breakpoint
ALTER TABLE "organization" ADD CONSTRAINT "organization_fallback_owner_user_id_users_id_fk" FOREIGN KEY ("fallback_owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization" ADD CONSTRAINT "organization_fallback_owner_team_id_teams_id_fk" FOREIGN KEY ("fallback_owner_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Backfill: each generated task's period, computed as lib/schedules/period-key.ts does. Two
-- tasks an older Vigil made for one period (the defect this ledger fixes) both stay, the
-- later ones keyed "<period>#<task number>" so that the doubling remains visible.
WITH keyed AS (
  SELECT t.id, t.number, t.schedule_id,
    CASE s.pattern->>'kind'
      WHEN 'daily' THEN 'day:' || to_char(t.occurrence_at AT TIME ZONE s.time_zone, 'YYYY-MM-DD')
      WHEN 'weekly' THEN CASE WHEN jsonb_array_length(s.pattern->'weekdays') > 1
        THEN 'day:' || to_char(t.occurrence_at AT TIME ZONE s.time_zone, 'YYYY-MM-DD')
        ELSE 'week:' || to_char(date_trunc('week', t.occurrence_at AT TIME ZONE s.time_zone), 'YYYY-MM-DD') END
      WHEN 'quarterly' THEN 'quarter:' || to_char(t.occurrence_at AT TIME ZONE s.time_zone, 'YYYY') || '-Q' || to_char(t.occurrence_at AT TIME ZONE s.time_zone, 'Q')
      WHEN 'semiannual' THEN 'half:' || to_char(t.occurrence_at AT TIME ZONE s.time_zone, 'YYYY') || '-H' || CASE WHEN extract(month FROM t.occurrence_at AT TIME ZONE s.time_zone) <= 6 THEN '1' ELSE '2' END
      WHEN 'yearly' THEN 'year:' || to_char(t.occurrence_at AT TIME ZONE s.time_zone, 'YYYY')
      ELSE 'month:' || to_char(t.occurrence_at AT TIME ZONE s.time_zone, 'YYYY-MM')
    END AS period_key
  FROM tasks t JOIN task_schedules s ON s.id = t.schedule_id
), ranked AS (
  SELECT id, number, period_key, row_number() OVER (PARTITION BY schedule_id, period_key ORDER BY number) AS n FROM keyed
)
UPDATE tasks SET period_key = CASE WHEN ranked.n = 1 THEN ranked.period_key ELSE ranked.period_key || '#' || ranked.number END
FROM ranked WHERE tasks.id = ranked.id;
--> statement-breakpoint
INSERT INTO schedule_periods (schedule_id, period_key, occurrence_at, outcome, task_id, reason, recorded_at)
SELECT schedule_id, period_key, occurrence_at, 'task', id, CASE WHEN generated_late THEN 'created late by a worker catching up' ELSE '' END, created_at
FROM tasks WHERE schedule_id IS NOT NULL;
--> statement-breakpoint
UPDATE task_schedules s SET
  rule_effective_at = coalesce(s.activated_at, s.created_at),
  accounted_through = greatest(coalesce(s.activated_at, s.created_at), coalesce((SELECT max(t.occurrence_at) FROM tasks t WHERE t.schedule_id = s.id), '-infinity'));
--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_schedule_period_key" ON "tasks" USING btree ("schedule_id","period_key") WHERE "tasks"."schedule_id" is not null;--> statement-breakpoint
CREATE INDEX "tasks_schedule_occurrence_idx" ON "tasks" USING btree ("schedule_id","occurrence_at") WHERE "tasks"."schedule_id" is not null;--> statement-breakpoint
CREATE INDEX "task_schedules_due_idx" ON "task_schedules" USING btree ("next_occurrence_at") WHERE "task_schedules"."active" and "task_schedules"."next_occurrence_at" is not null;--> statement-breakpoint
ALTER TABLE "organization" ADD CONSTRAINT "organization_one_fallback_owner" CHECK ("organization"."fallback_owner_user_id" is null or "organization"."fallback_owner_team_id" is null);--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_period_with_schedule" CHECK (("tasks"."period_key" is null) = ("tasks"."schedule_id" is null));
--> statement-breakpoint
-- The ledger is evidence: once a period is recorded as a task or a miss, nothing rewrites it.
CREATE FUNCTION schedule_periods_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'schedule_periods is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER schedule_periods_no_update_delete
  BEFORE UPDATE OR DELETE ON schedule_periods
  FOR EACH ROW EXECUTE FUNCTION schedule_periods_refuse_change();
--> statement-breakpoint
CREATE TRIGGER schedule_periods_no_truncate
  BEFORE TRUNCATE ON schedule_periods
  FOR EACH STATEMENT EXECUTE FUNCTION schedule_periods_refuse_change();
