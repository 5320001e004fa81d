CREATE TABLE "schedule_owner_fallback_notices" (
	"schedule_id" uuid NOT NULL,
	"missing_owner" text NOT NULL,
	"missing_since" timestamp with time zone NOT NULL,
	"fallback_owner" text NOT NULL,
	"noticed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_owner_fallback_notices_schedule_id_missing_owner_missing_since_pk" PRIMARY KEY("schedule_id","missing_owner","missing_since")
);
--> statement-breakpoint
ALTER TABLE "schedule_owner_fallback_notices" ADD CONSTRAINT "schedule_owner_fallback_notices_schedule_id_task_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."task_schedules"("id") ON DELETE no action ON UPDATE no action;