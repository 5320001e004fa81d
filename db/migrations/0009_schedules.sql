CREATE TABLE "schedule_policies" (
	"schedule_id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	CONSTRAINT "schedule_policies_schedule_id_policy_id_pk" PRIMARY KEY("schedule_id","policy_id")
);
--> statement-breakpoint
CREATE TABLE "schedule_watchers" (
	"schedule_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"frequency" "watch_frequency" DEFAULT 'all' NOT NULL,
	CONSTRAINT "schedule_watchers_schedule_id_user_id_pk" PRIMARY KEY("schedule_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "task_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"owner_user_id" uuid,
	"owner_team_id" uuid,
	"description" text DEFAULT '' NOT NULL,
	"query" text DEFAULT '' NOT NULL,
	"pattern" jsonb NOT NULL,
	"time_of_day" text NOT NULL,
	"time_zone" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"rrule" text NOT NULL,
	"due_in_days" integer NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"group_name" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"activated_at" timestamp with time zone,
	"template_key" text,
	"template_version" integer,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "task_schedules_one_owner" CHECK ("task_schedules"."owner_user_id" is null or "task_schedules"."owner_team_id" is null),
	CONSTRAINT "task_schedules_due_in_days" CHECK ("task_schedules"."due_in_days" between 0 and 365),
	CONSTRAINT "task_schedules_end_after_start" CHECK ("task_schedules"."end_date" is null or "task_schedules"."end_date" >= "task_schedules"."start_date")
);
--> statement-breakpoint
CREATE TABLE "library_templates" (
	"key" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"interval" text NOT NULL,
	"pattern" jsonb NOT NULL,
	"time_of_day" text NOT NULL,
	"due_in_days" integer NOT NULL,
	"description" text NOT NULL,
	"query" text DEFAULT '' NOT NULL,
	"policy_refs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"frameworks" text[] NOT NULL,
	"basis" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "schedule_policies" ADD CONSTRAINT "schedule_policies_schedule_id_task_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."task_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_policies" ADD CONSTRAINT "schedule_policies_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_watchers" ADD CONSTRAINT "schedule_watchers_schedule_id_task_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."task_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_watchers" ADD CONSTRAINT "schedule_watchers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_schedules" ADD CONSTRAINT "task_schedules_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_schedules" ADD CONSTRAINT "task_schedules_owner_team_id_teams_id_fk" FOREIGN KEY ("owner_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_schedules" ADD CONSTRAINT "task_schedules_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_schedules" ADD CONSTRAINT "task_schedules_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "schedule_policies_policy_idx" ON "schedule_policies" USING btree ("policy_id");--> statement-breakpoint
CREATE INDEX "schedule_watchers_user_idx" ON "schedule_watchers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "task_schedules_name_idx" ON "task_schedules" USING btree (lower("name"),"id");--> statement-breakpoint
CREATE INDEX "task_schedules_active_idx" ON "task_schedules" USING btree ("active",lower("name"));--> statement-breakpoint
CREATE INDEX "task_schedules_owner_user_idx" ON "task_schedules" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "task_schedules_owner_team_idx" ON "task_schedules" USING btree ("owner_team_id");--> statement-breakpoint
CREATE INDEX "task_schedules_group_idx" ON "task_schedules" USING btree ("group_name");--> statement-breakpoint
CREATE INDEX "task_schedules_tags_idx" ON "task_schedules" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "task_schedules_name_trgm_idx" ON "task_schedules" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "library_templates_category_idx" ON "library_templates" USING btree ("category","name");