DROP INDEX "incidents_state_created_idx";--> statement-breakpoint
DROP INDEX "incidents_created_idx";--> statement-breakpoint
DROP INDEX "incidents_unanswered_idx";--> statement-breakpoint
CREATE INDEX "incidents_closed_created_idx" ON "incidents" USING btree ("created_at","id") WHERE "incidents"."state" = 'closed';--> statement-breakpoint
CREATE INDEX "incidents_created_idx" ON "incidents" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "incidents_unanswered_idx" ON "incidents" USING btree ("created_at","id") WHERE "incidents"."responded_at" is null and "incidents"."state" <> 'closed';