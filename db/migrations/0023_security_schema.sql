CREATE TYPE "public"."mfa_requirement" AS ENUM('nobody', 'privileged', 'everyone');--> statement-breakpoint
CREATE TABLE "activity_chain" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"activity_id" bigint NOT NULL,
	"hash" text NOT NULL,
	"chained_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_chain_activityId_unique" UNIQUE("activity_id")
);
--> statement-breakpoint
CREATE TABLE "user_recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_recovery_codes_codeHash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
CREATE TABLE "user_totp" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"secret_encrypted" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"last_used_step" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "scopes" text[];--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "last_used_address" text;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "mfa_required_for" "mfa_requirement" DEFAULT 'nobody' NOT NULL;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "session_idle_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "session_max_hours" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "user_recovery_codes" ADD CONSTRAINT "user_recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_totp" ADD CONSTRAINT "user_totp_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_chain_chained_at_idx" ON "activity_chain" USING btree ("chained_at");--> statement-breakpoint
CREATE INDEX "user_recovery_codes_user_idx" ON "user_recovery_codes" USING btree ("user_id");--> statement-breakpoint
-- Generated, then edited: the token columns are added empty, filled from the old scope,
-- and only then made NOT NULL and the old column dropped.
-- Tokens made before scopes keep what they could do. An 'api' token opened all of /api/v1
-- with its user's role: it becomes read, + write unless its user is Read-only, + admin when its user is an administrator
-- (bulk close), + events:ingest when its user may send events (Administrators and Power
-- Users). An 'events:ingest' token stays one. Tokens had no expiry: they now expire 90 days
-- after this migration (shown in Settings → API tokens), revoked ones at once.
UPDATE "api_tokens" t
SET "scopes" = CASE
    WHEN t."scope" = 'events:ingest' THEN ARRAY['events:ingest']
    ELSE ARRAY['read']
      || CASE WHEN u."role" <> 'read_only' THEN ARRAY['write'] ELSE ARRAY[]::text[] END
      || CASE WHEN u."role" = 'admin' THEN ARRAY['admin'] ELSE ARRAY[]::text[] END
      || CASE WHEN u."role" IN ('admin', 'power_user') THEN ARRAY['events:ingest'] ELSE ARRAY[]::text[] END
  END
FROM "users" u
WHERE u."id" = t."user_id" AND t."scopes" IS NULL;
--> statement-breakpoint
UPDATE "api_tokens"
SET "expires_at" = CASE WHEN "revoked_at" IS NULL THEN now() + interval '90 days' ELSE "revoked_at" END
WHERE "expires_at" IS NULL;
--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "scopes" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "expires_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" DROP COLUMN "scope";--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_scopes_known" CHECK (cardinality("api_tokens"."scopes") > 0 and "api_tokens"."scopes" <@ array['read', 'write', 'admin', 'events:ingest']::text[]);--> statement-breakpoint
ALTER TABLE "organization" ADD CONSTRAINT "organization_session_idle" CHECK ("organization"."session_idle_minutes" between 5 and 480);--> statement-breakpoint
ALTER TABLE "organization" ADD CONSTRAINT "organization_session_max" CHECK ("organization"."session_max_hours" between 1 and 24);--> statement-breakpoint
DROP TYPE "public"."api_token_scope";