import { customType, pgEnum } from 'drizzle-orm/pg-core';

// Shared by incidents, tasks and schedules.

/** "All notifications" or "Only when opened and closed". */
export const watchFrequencyEnum = pgEnum('watch_frequency', ['all', 'opened_closed']);
export type WatchFrequency = (typeof watchFrequencyEnum.enumValues)[number];

/** Raw bytes (attachments): stored in PostgreSQL so that its backups hold the evidence too. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});
