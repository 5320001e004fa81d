import { TZDate } from '@date-fns/tz';

/**
 * The most recent digest time at or before `now`: the user's hour on today's date in their
 * own zone, or yesterday's if that hour has not come yet. Built from the local calendar
 * date, so a DST change shifts the instant but never skips or doubles a day.
 */
export function latestDigestSlot(now: Date, timeZone: string, hour: number): Date {
  const local = new TZDate(now.getTime(), timeZone);
  const at = (dayOffset: number) =>
    new TZDate(
      local.getFullYear(),
      local.getMonth(),
      local.getDate() + dayOffset,
      hour,
      0,
      0,
      timeZone,
    );
  const today = at(0);
  return new Date((today.getTime() <= now.getTime() ? today : at(-1)).getTime());
}
