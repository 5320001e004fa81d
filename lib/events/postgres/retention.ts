import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { forgetEnsuredPartitions } from './partitions';

// Retention removes whole daily partitions: DETACH then DROP, a catalog change and a file
// unlink whatever the partition holds, so expiring a day costs the same at a thousand events
// or ten million (npm run bench -- events). DETACH ... CONCURRENTLY takes only a SHARE UPDATE
// EXCLUSIVE lock on `events`: searches and ingest carry on while a day goes.

const PARTITION_NAME = /^events_(\d{4})(\d{2})(\d{2})$/;

/** The day a partition made by events_ensure_partition holds, or null for any other table. */
export function partitionDay(name: string): string | null {
  const match = PARTITION_NAME.exec(name);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** Drops the partitions of every UTC day strictly before `before`'s; returns their names, oldest first. */
export async function dropPartitionsBefore(db: Db, before: Date): Promise<{ dropped: string[] }> {
  const cutoffDay = before.toISOString().slice(0, 10);
  const partitions = await db.execute<{ name: string; pending: boolean }>(sql`
    select c.relname as name, i.inhdetachpending as pending
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'events'::regclass`);
  const expired = partitions
    .map((p) => ({ ...p, day: partitionDay(p.name) }))
    .filter((p) => p.day !== null && p.day < cutoffDay)
    .sort((a, b) => a.name.localeCompare(b.name));
  const dropped: string[] = [];
  // The runtime role owns nothing (db/runtime-grants.ts): it asks events_remove_partition,
  // which runs as the owner but cannot detach concurrently (see migration 0024).
  const [{ owner }] = (await db.execute(sql`
    select pg_has_role(current_user, relowner, 'USAGE') as owner
    from pg_class where oid = 'events'::regclass`)) as unknown as { owner: boolean }[];
  for (const partition of expired) {
    if (!owner) {
      await db.execute(sql`select events_remove_partition(${partition.name})`);
      dropped.push(partition.name);
      continue;
    }
    const name = sql.identifier(partition.name);
    // A detach interrupted earlier (a restart mid-way) is finished rather than started again.
    await db.execute(
      partition.pending
        ? sql`alter table events detach partition ${name} finalize`
        : sql`alter table events detach partition ${name} concurrently`,
    );
    await db.execute(sql`drop table if exists ${name}`);
    dropped.push(partition.name);
  }
  if (dropped.length) forgetEnsuredPartitions();
  return { dropped };
}
