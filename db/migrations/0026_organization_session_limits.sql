ALTER TABLE "organization" ADD COLUMN "session_idle_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "session_max_hours" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "organization" ADD CONSTRAINT "organization_session_idle" CHECK ("organization"."session_idle_minutes" between 5 and 480);--> statement-breakpoint
ALTER TABLE "organization" ADD CONSTRAINT "organization_session_max" CHECK ("organization"."session_max_hours" between 1 and 24);