-- Custom: tasks.schedule_id points at task_schedules; declared here rather than in the
-- drizzle schema so that db/schema/tasks.ts and schedules.ts need not import each other.
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_schedule_id_task_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."task_schedules"("id") ON DELETE no action ON UPDATE no action;
