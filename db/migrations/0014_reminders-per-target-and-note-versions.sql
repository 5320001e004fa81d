-- Response-target warnings are claimed per target, so a severity change that moves the
-- target can warn again. Warnings already sent count for the incident's current target.
ALTER TABLE "incident_reminders" ADD COLUMN "response_due_at" timestamp with time zone;--> statement-breakpoint
UPDATE "incident_reminders" r SET "response_due_at" = i."response_due_at" FROM "incidents" i WHERE i."id" = r."incident_id";--> statement-breakpoint
ALTER TABLE "incident_reminders" ALTER COLUMN "response_due_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "incident_reminders" DROP CONSTRAINT "incident_reminders_incident_id_kind_pk";--> statement-breakpoint
ALTER TABLE "incident_reminders" ADD CONSTRAINT "incident_reminders_incident_id_kind_response_due_at_pk" PRIMARY KEY("incident_id","kind","response_due_at");--> statement-breakpoint
-- Notes carry a version, so an edit from a stale window is refused instead of overwriting.
ALTER TABLE "incident_notes" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "task_notes" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;
