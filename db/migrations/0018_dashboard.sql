CREATE TABLE "incident_close_months" (
	"month" date NOT NULL,
	"severity" "severity" NOT NULL,
	"owner" text NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"within_target" integer DEFAULT 0 NOT NULL,
	"respond_ms" bigint DEFAULT 0 NOT NULL,
	"close_ms" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "incident_close_months_month_severity_owner_pk" PRIMARY KEY("month","severity","owner")
);
--> statement-breakpoint
CREATE INDEX "incident_close_months_owner_idx" ON "incident_close_months" USING btree ("owner","month");--> statement-breakpoint
CREATE INDEX "incidents_open_state_severity_idx" ON "incidents" USING btree ("state","severity") WHERE "incidents"."state" in ('triage', 'analysis', 'remediation', 'resolved');