CREATE TABLE "incident_close_months" (
	"month" date NOT NULL,
	"severity" "severity" NOT NULL,
	"owner" text NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"within_target" integer DEFAULT 0 NOT NULL,
	"respond_ms" bigint DEFAULT 0 NOT NULL,
	"close_ms" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "incident_close_months_month_severity_owner_pk" PRIMARY KEY("month","severity","owner")
);
--> statement-breakpoint
DROP INDEX "incident_policies_policy_idx";--> statement-breakpoint
DROP INDEX "incidents_open_created_idx";--> statement-breakpoint
DROP INDEX "incidents_open_due_idx";--> statement-breakpoint
DROP INDEX "task_policies_policy_idx";--> statement-breakpoint
DROP INDEX "tasks_open_due_idx";--> statement-breakpoint
DROP INDEX "tasks_due_idx";--> statement-breakpoint
CREATE INDEX "incident_close_months_owner_idx" ON "incident_close_months" USING btree ("owner","month");--> statement-breakpoint
CREATE INDEX "incidents_open_id_idx" ON "incidents" USING btree ("id","created_at") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_state_created_idx" ON "incidents" USING btree ("state","created_at","id") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_state_severity_idx" ON "incidents" USING btree ("state","severity") WHERE "incidents"."state" in ('triage', 'analysis', 'remediation', 'resolved');--> statement-breakpoint
CREATE INDEX "incidents_unanswered_due_idx" ON "incidents" USING btree ("response_due_at","created_at","id","severity","owner_user_id","owner_team_id") WHERE "incidents"."responded_at" is null and "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_title_trgm_idx" ON "incidents" USING gin ("title" gin_trgm_ops) WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_closed_at_idx" ON "incidents" USING btree ("closed_at","severity","owner_user_id","owner_team_id","created_at","id") WHERE "incidents"."state" = 'closed';--> statement-breakpoint
CREATE INDEX "tasks_open_title_trgm_idx" ON "tasks" USING gin ("title" gin_trgm_ops) WHERE "tasks"."state" = 'open';--> statement-breakpoint
CREATE INDEX "incident_policies_policy_idx" ON "incident_policies" USING btree ("policy_id","incident_id");--> statement-breakpoint
CREATE INDEX "incidents_open_created_idx" ON "incidents" USING btree ("created_at","id","state","severity","owner_user_id","owner_team_id") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_due_idx" ON "incidents" USING btree (coalesce("due_at", 'infinity'::timestamptz),"id","created_at","due_at") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "task_policies_policy_idx" ON "task_policies" USING btree ("policy_id","task_id");--> statement-breakpoint
CREATE INDEX "tasks_open_due_idx" ON "tasks" USING btree (coalesce("due_at", 'infinity'::timestamptz),"id","due_at","owner_user_id","owner_team_id") WHERE "tasks"."state" = 'open';--> statement-breakpoint
CREATE INDEX "tasks_due_idx" ON "tasks" USING btree (coalesce("due_at", 'infinity'::timestamptz),"id","due_at","owner_user_id","owner_team_id");