import type { DbOrTx } from '@/db/client';
import { NotFoundError } from '@/lib/errors';
import { getSchedule } from '@/lib/schedules/generate';
import { getScheduleDetail } from '@/lib/schedules/get-schedule-detail';
import { ownerOf } from './owner-lookup';
import { toScheduleDetailJson, type ScheduleDetailJson } from './schedule-json';

// /api/v1/schedules/{id}: ids are UUIDs; anything else is a 404 before the database is asked.

export type ScheduleRouteContext = { params: Promise<{ id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const SCHEDULE_NOT_FOUND = 'That task schedule does not exist.';

export async function scheduleIdOf(context: ScheduleRouteContext): Promise<string> {
  const { id } = await context.params;
  if (!UUID.test(id)) throw new NotFoundError(SCHEDULE_NOT_FOUND);
  return id;
}

export async function scheduleDetailJsonOf(db: DbOrTx, id: string): Promise<ScheduleDetailJson> {
  const detail = await getScheduleDetail(db, id);
  if (!detail) throw new NotFoundError(SCHEDULE_NOT_FOUND);
  return toScheduleDetailJson(detail, await ownerOf(db, detail.schedule));
}

/** The schedule's version now, for If-Match. */
export async function scheduleVersion(db: DbOrTx, id: string): Promise<number | undefined> {
  return (await getSchedule(db, id))?.version;
}
