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
