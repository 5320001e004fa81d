DROP INDEX "events_event_id_idx";--> statement-breakpoint
DROP INDEX "events_app_name_idx";--> statement-breakpoint
DROP INDEX "events_hostname_idx";--> statement-breakpoint
CREATE INDEX "events_id_idx" ON "events" USING btree ("id");--> statement-breakpoint
CREATE INDEX "events_event_id_idx" ON "events" USING btree ("event_id","occurred_at","app_name","hostname","category","user") WHERE "events"."event_id" is not null;--> statement-breakpoint
CREATE INDEX "events_app_name_idx" ON "events" USING btree (lower("app_name") text_pattern_ops,"occurred_at");--> statement-breakpoint
CREATE INDEX "events_hostname_idx" ON "events" USING btree (lower("hostname") text_pattern_ops,"occurred_at");