import type { Db } from '@/db/client';

// event_field_names lets a saved query warn about a field no event has. Written once per
// batch, for the names this process has not recorded within the last hour: a shipper sends
// the same few hundred names all day, so nearly every batch writes nothing.

const REFRESH_MS = 3600_000;
const MAX_REMEMBERED = 20_000;
const recorded = new Map<string, number>();

export async function recordFieldNames(db: Db, names: Iterable<string>, now = Date.now()) {
  const fresh: string[] = [];
  for (const name of new Set(names)) {
    const at = recorded.get(name);
    if (at === undefined || now - at > REFRESH_MS) fresh.push(name);
  }
  if (!fresh.length) return;
  fresh.sort();
  await db.$client`
    insert into event_field_names (name) select unnest(${fresh}::text[])
    on conflict (name) do update set last_seen_at = now()`;
  if (recorded.size + fresh.length > MAX_REMEMBERED) recorded.clear();
  for (const name of fresh) recorded.set(name, now);
}

/** Forget what was recorded (tests with a fresh database). */
export function forgetRecordedFieldNames(): void {
  recorded.clear();
}
