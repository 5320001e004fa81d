DROP INDEX "incident_policies_policy_idx";--> statement-breakpoint
DROP INDEX "task_policies_policy_idx";--> statement-breakpoint
CREATE INDEX "incidents_open_state_created_idx" ON "incidents" USING btree ("state","created_at","id") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_title_trgm_idx" ON "incidents" USING gin ("title" gin_trgm_ops) WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_closed_at_idx" ON "incidents" USING btree ("closed_at","severity","owner_user_id","owner_team_id") WHERE "incidents"."state" = 'closed';--> statement-breakpoint
CREATE INDEX "tasks_open_title_trgm_idx" ON "tasks" USING gin ("title" gin_trgm_ops) WHERE "tasks"."state" = 'open';--> statement-breakpoint
CREATE INDEX "incident_policies_policy_idx" ON "incident_policies" USING btree ("policy_id","incident_id");--> statement-breakpoint
CREATE INDEX "task_policies_policy_idx" ON "task_policies" USING btree ("policy_id","task_id");