import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { teams, users } from '@/db/schema';
import { userActor } from '@/lib/auth/actor';
import { createTrigger } from '@/lib/triggers/create-trigger';
import { TRIGGER_EXAMPLES } from '@/lib/triggers/examples';

/** How far back the demo's triggers count from: the worker catches this day up on its first runs. */
const DEMO_LOOKBACK_MS = 24 * 3600_000;

/**
 * The demo's triggers: Sara adds the three examples for TRAC, active, as if a day ago, so the
 * worker's first runs evaluate the last day of demo events window by window and the triggers
 * page shows a record (and, where the demo events hold a burst, the incident it opened).
 */
export async function seedDemoTriggers(db: Db): Promise<void> {
  const [sara] = await db.select().from(users).where(eq(users.email, 'sara@example.com'));
  const [trac] = await db.select({ id: teams.id }).from(teams).where(eq(teams.name, 'TRAC'));
  if (!sara) return;
  const now = new Date(Date.now() - DEMO_LOOKBACK_MS);
  await db.transaction(async (tx) => {
    for (const example of TRIGGER_EXAMPLES)
      await createTrigger(
        tx,
        userActor(sara),
        {
          name: example.name,
          description: example.description,
          query: example.query,
          intervalMinutes: example.intervalMinutes,
          threshold: example.threshold,
          severity: example.severity,
          owner: trac ? `team:${trac.id}` : '',
        },
        { now, origin: { templateKey: example.key } },
      );
  });
}
