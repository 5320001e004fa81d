import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { teams, users } from '@/db/schema';
import { userActor } from '@/lib/auth/actor';
import { createTrigger } from '@/lib/triggers/create-trigger';
import { TRIGGER_EXAMPLES } from '@/lib/triggers/examples';

/**
 * The demo's triggers: Sara adds the three examples for TRAC, active. Like any new trigger
 * they count from the minute they are created, not over the demo's past events: an alert is
 * about what happens now, and a seed that opened incidents in the background a minute after
 * start would change the demo (and the end-to-end tests' incident list) under its users.
 * Events sent afterwards are what they alert on.
 */
export async function seedDemoTriggers(db: Db): Promise<void> {
  const [sara] = await db.select().from(users).where(eq(users.email, 'sara@example.com'));
  const [trac] = await db.select({ id: teams.id }).from(teams).where(eq(teams.name, 'TRAC'));
  if (!sara) return;
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
        { origin: { templateKey: example.key } },
      );
  });
}
