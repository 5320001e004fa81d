CREATE TABLE "policy_versions" (
	"policy_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"statement" text DEFAULT '' NOT NULL,
	"url" text DEFAULT '' NOT NULL,
	"review_interval_months" integer,
	"change_note" text DEFAULT '' NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_versions_policy_id_version_pk" PRIMARY KEY("policy_id","version")
);
--> statement-breakpoint
CREATE TABLE "report_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"generated_by_id" uuid,
	"generated_by_label" text NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"params" jsonb NOT NULL,
	"seed" text,
	"sha256" text,
	"row_count" integer,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "incident_notice_clocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"clock_started_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"basis" text NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"warned_half_at" timestamp with time zone,
	"warned_three_quarters_at" timestamp with time zone,
	"warned_missed_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	"notified_to" text,
	"notification_reference" text,
	"notification_attachment_id" uuid,
	"recorded_by_id" uuid,
	"recorded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "incident_notice_clocks_deadline" CHECK ("incident_notice_clocks"."deadline_at" > "incident_notice_clocks"."clock_started_at"),
	CONSTRAINT "incident_notice_clocks_recorded" CHECK (("incident_notice_clocks"."notified_at" is null) = ("incident_notice_clocks"."notified_to" is null))
);
--> statement-breakpoint
CREATE TABLE "notice_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"builtin_key" text,
	"name" text NOT NULL,
	"notify" text NOT NULL,
	"citation" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"deadline_hours" integer NOT NULL,
	"clock_starts_when" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "notice_rules_deadline_hours" CHECK ("notice_rules"."deadline_hours" between 1 and 8760)
);
--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "parent_reference" text;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "custom" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "owner_user_id" uuid;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "owner_team_id" uuid;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "review_interval_months" integer;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "current_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "retired_by_id" uuid;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "retired_reason" text;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "created_by_id" uuid;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "updated_by_id" uuid;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "incident_policies" ADD COLUMN "policy_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "task_policies" ADD COLUMN "policy_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "schedule_policies" ADD COLUMN "policy_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "task_schedules" ADD COLUMN "review_of_policy_id" uuid;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_generated_by_id_users_id_fk" FOREIGN KEY ("generated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_notice_clocks" ADD CONSTRAINT "incident_notice_clocks_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_notice_clocks" ADD CONSTRAINT "incident_notice_clocks_rule_id_notice_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."notice_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_notice_clocks" ADD CONSTRAINT "incident_notice_clocks_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_notice_clocks" ADD CONSTRAINT "incident_notice_clocks_notification_attachment_id_incident_attachments_id_fk" FOREIGN KEY ("notification_attachment_id") REFERENCES "public"."incident_attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_notice_clocks" ADD CONSTRAINT "incident_notice_clocks_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_rules" ADD CONSTRAINT "notice_rules_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_runs_generated_idx" ON "report_runs" USING btree ("generated_at");--> statement-breakpoint
CREATE INDEX "report_runs_by_idx" ON "report_runs" USING btree ("generated_by_id","generated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_notice_clocks_incident_rule_key" ON "incident_notice_clocks" USING btree ("incident_id","rule_id");--> statement-breakpoint
CREATE INDEX "incident_notice_clocks_running_idx" ON "incident_notice_clocks" USING btree ("deadline_at") WHERE "incident_notice_clocks"."notified_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "notice_rules_builtin_key" ON "notice_rules" USING btree ("builtin_key") WHERE "notice_rules"."builtin_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "notice_rules_name_key" ON "notice_rules" USING btree (lower("name"));--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_owner_team_id_teams_id_fk" FOREIGN KEY ("owner_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_retired_by_id_users_id_fk" FOREIGN KEY ("retired_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_schedules" ADD CONSTRAINT "task_schedules_review_of_policy_id_policies_id_fk" FOREIGN KEY ("review_of_policy_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "policies_framework_idx" ON "policies" USING btree (lower("framework"),"reference");--> statement-breakpoint
CREATE INDEX "schedule_periods_occurred_idx" ON "schedule_periods" USING btree ("occurrence_at");--> statement-breakpoint
CREATE UNIQUE INDEX "task_schedules_review_of_policy_key" ON "task_schedules" USING btree ("review_of_policy_id") WHERE "task_schedules"."review_of_policy_id" is not null;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_one_owner" CHECK ("policies"."owner_user_id" is null or "policies"."owner_team_id" is null);--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_review_interval" CHECK ("policies"."review_interval_months" is null or "policies"."review_interval_months" between 1 and 60);--> statement-breakpoint
-- Every policy has its first version from the moment it exists, whoever inserts it (the seed,
-- the library sync, a Power User); later versions are written by lib/policies.
CREATE FUNCTION policies_record_first_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO policy_versions (policy_id, version, title, statement, url, review_interval_months, created_by_id, created_at)
  VALUES (NEW.id, NEW.current_version, NEW.title, NEW.statement, NEW.url, NEW.review_interval_months, NEW.created_by_id, NEW.created_at);
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER policies_first_version AFTER INSERT ON policies
  FOR EACH ROW EXECUTE FUNCTION policies_record_first_version();--> statement-breakpoint
INSERT INTO policy_versions (policy_id, version, title, statement, url, created_at)
  SELECT id, 1, title, statement, url, created_at FROM policies;--> statement-breakpoint
CREATE TRIGGER policy_versions_no_update_delete BEFORE UPDATE OR DELETE ON policy_versions
  FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER policy_versions_no_truncate BEFORE TRUNCATE ON policy_versions
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER report_runs_no_update_delete BEFORE UPDATE OR DELETE ON report_runs
  FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER report_runs_no_truncate BEFORE TRUNCATE ON report_runs
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();
