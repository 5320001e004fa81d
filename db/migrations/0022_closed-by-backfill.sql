-- Who closed each incident and task before closed_by_id existed: the person of the latest
-- close (or, for tasks, mark-invalid) in the activity log. Rows the system closed stay null.
UPDATE "incidents" AS i SET "closed_by_id" = a."actor_id"
FROM (
  SELECT DISTINCT ON ("entity_id") "entity_id", "actor_id"
  FROM "activity_log"
  WHERE "entity_type" = 'incident' AND "action" = 'incident.closed'
  ORDER BY "entity_id", "occurred_at" DESC, "id" DESC
) AS a
WHERE i."state" = 'closed' AND a."entity_id" = i."id"::text;--> statement-breakpoint
UPDATE "tasks" AS t SET "closed_by_id" = a."actor_id"
FROM (
  SELECT DISTINCT ON ("entity_id") "entity_id", "actor_id"
  FROM "activity_log"
  WHERE "entity_type" = 'task' AND "action" IN ('task.closed', 'task.invalidated')
  ORDER BY "entity_id", "occurred_at" DESC, "id" DESC
) AS a
WHERE t."state" <> 'open' AND a."entity_id" = t."id"::text;
