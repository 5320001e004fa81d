DROP INDEX "incidents_open_created_idx";--> statement-breakpoint
DROP INDEX "incidents_open_due_idx";--> statement-breakpoint
DROP INDEX "incidents_open_owner_user_idx";--> statement-breakpoint
DROP INDEX "incidents_open_owner_team_idx";--> statement-breakpoint
DROP INDEX "incidents_closed_at_idx";--> statement-breakpoint
DROP INDEX "tasks_open_due_idx";--> statement-breakpoint
DROP INDEX "tasks_due_idx";--> statement-breakpoint
CREATE INDEX "incidents_open_id_idx" ON "incidents" USING btree ("id","created_at") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_unanswered_due_idx" ON "incidents" USING btree ("response_due_at","created_at","id","severity","owner_user_id","owner_team_id") WHERE "incidents"."responded_at" is null and "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_created_idx" ON "incidents" USING btree ("created_at","id","state","severity","owner_user_id","owner_team_id") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_due_idx" ON "incidents" USING btree (coalesce("due_at", 'infinity'::timestamptz),"id","created_at","due_at") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_owner_user_idx" ON "incidents" USING btree ("owner_user_id","created_at","id","state","severity") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_owner_team_idx" ON "incidents" USING btree ("owner_team_id","created_at","id","state","severity") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_closed_at_idx" ON "incidents" USING btree ("closed_at","severity","owner_user_id","owner_team_id","created_at","id") WHERE "incidents"."state" = 'closed';--> statement-breakpoint
CREATE INDEX "tasks_open_due_idx" ON "tasks" USING btree (coalesce("due_at", 'infinity'::timestamptz),"id","due_at","owner_user_id","owner_team_id") WHERE "tasks"."state" = 'open';--> statement-breakpoint
CREATE INDEX "tasks_due_idx" ON "tasks" USING btree (coalesce("due_at", 'infinity'::timestamptz),"id","due_at","owner_user_id","owner_team_id");