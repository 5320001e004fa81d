import type { Db } from '@/db/client';
import { PostgresEventStore } from './postgres/postgres-store';
import type { EventStore } from './types';

/** The organization's event store. Today always PostgreSQL (README, "Scale"). */
export function getEventStore(db: Db): EventStore {
  return new PostgresEventStore(db);
}
