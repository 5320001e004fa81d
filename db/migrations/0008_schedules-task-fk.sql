-- Custom: tasks.schedule_id (tasks schema, another branch) points at task_schedules, which
-- this branch creates. Keep this when regenerating migrations.
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_schedule_id_task_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."task_schedules"("id") ON DELETE no action ON UPDATE no action;
