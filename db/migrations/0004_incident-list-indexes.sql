CREATE INDEX "incidents_open_created_idx" ON "incidents" USING btree ("created_at","id") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_updated_idx" ON "incidents" USING btree ("updated_at","id") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_due_idx" ON "incidents" USING btree (coalesce("due_at", 'infinity'::timestamptz),"id") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_severity_idx" ON "incidents" USING btree ("severity","id") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_severity_created_idx" ON "incidents" USING btree ("severity","created_at","id") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_owner_user_idx" ON "incidents" USING btree ("owner_user_id","created_at","id") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_owner_team_idx" ON "incidents" USING btree ("owner_team_id","created_at","id") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_open_unassigned_idx" ON "incidents" USING btree ("created_at","id") WHERE "incidents"."state" <> 'closed' and "incidents"."owner_user_id" is null and "incidents"."owner_team_id" is null;--> statement-breakpoint
CREATE INDEX "incidents_open_created_by_idx" ON "incidents" USING btree ("created_by_id","created_at","id") WHERE "incidents"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "incidents_state_created_idx" ON "incidents" USING btree ("state","created_at","id");--> statement-breakpoint
CREATE INDEX "incidents_owner_user_created_idx" ON "incidents" USING btree ("owner_user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "incidents_owner_team_created_idx" ON "incidents" USING btree ("owner_team_id","created_at","id");--> statement-breakpoint
CREATE INDEX "incidents_created_by_created_idx" ON "incidents" USING btree ("created_by_id","created_at","id");--> statement-breakpoint
CREATE INDEX "incidents_unanswered_idx" ON "incidents" USING btree ("response_due_at") WHERE "incidents"."responded_at" is null;--> statement-breakpoint
CREATE INDEX "incidents_title_trgm_idx" ON "incidents" USING gin ("title" gin_trgm_ops);