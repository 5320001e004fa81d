import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { createDb, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { outbox, users } from '@/db/schema';
import type { UserActor } from '@/lib/auth/actor';
import { createEmailDeliverer } from '@/lib/email/deliver-email';
import { createEmailTransport, type MailConfig } from '@/lib/email/mail-config';
import { renderEmail } from '@/lib/email/render-email';
import { changeIncidentState } from '@/lib/incidents/change-state';
import { createIncident } from '@/lib/incidents/create-incident';
import { createNotificationDeliverer } from '@/lib/notifications/deliver-notification';
import { drainOutbox } from '@/lib/outbox/drain-outbox';
import { startEmbeddedPostgres } from '@/scripts/embedded/postgres';
import { startSmtpServer } from '@/tests/support/mail-servers';
import { removeScratchFolder } from '../embedded/postgres-location';

const WATCHERS = 500;
const ROUNDS = 5;

// Closing an incident with 500 watchers must put its 500 emails in the outbox within a
// second (the close itself, then the worker's fan-out), and the worker must deliver at
// least 100 messages a second to an SMTP server on loopback.

export async function run(): Promise<void> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
  const pg = await startEmbeddedPostgres({ dir: path.join(scratch, 'pg'), ephemeral: true });
  const smtp = await startSmtpServer();
  let db: Db | undefined;
  try {
    await migrateDatabase(pg.url);
    db = createDb(pg.url, { max: 10, applicationName: 'vigil-bench' });
    const mail: MailConfig = {
      publicUrl: 'http://localhost:3000',
      authSecret: 'bench-secret-'.padEnd(40, 'b'),
      smtp: { url: smtp.url, from: 'vigil@bench.test' },
    };
    const people = await db
      .insert(users)
      .values(
        Array.from({ length: WATCHERS + 1 }, (_, i) => ({
          email: `person${i}@bench.test`,
          name: `Person ${i}`,
        })),
      )
      .returning();
    const [closer, ...watchers] = people;
    const actor: UserActor = {
      kind: 'user',
      userId: closer.id,
      name: closer.name,
      email: closer.email,
      role: 'admin',
    };
    const fanOut = createNotificationDeliverer(db, { publicUrl: mail.publicUrl });

    console.log(
      `notify: closing an incident with ${WATCHERS} watchers (embedded PostgreSQL, fsync off), ${ROUNDS} rounds`,
    );
    const closeMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { incident } = await createIncident(db, actor, {
        title: `Bench ${round}`,
        watchers: watchers.map((w) => ({ userId: w.id, frequency: 'all' as const })),
      });
      await drainOutbox(db, { notification: fanOut }); // the "opened" emails, not measured
      await db.delete(outbox).where(eq(outbox.kind, 'email'));

      const started = performance.now();
      await changeIncidentState(db, actor, incident.id, {
        version: incident.version,
        from: incident.state,
        to: 'closed',
        note: 'Benchmark close.',
      });
      await drainOutbox(db, { notification: fanOut });
      const elapsed = performance.now() - started;
      const [{ n }] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from outbox where kind = 'email' and status = 'pending'`,
      );
      if (n !== WATCHERS) throw new Error(`expected ${WATCHERS} email rows, found ${n}`);
      closeMs.push(elapsed);
    }
    console.log(
      `  close → ${WATCHERS} email outbox rows: median ${fmt(median(closeMs))} ms, p95 ${fmt(p95(closeMs))} ms (target < 1000 ms)`,
    );

    // Baseline in the same run: nodemailer alone, one pre-rendered message, no outbox.
    const rendered = await renderEmail('incident-closed', {
      item: { reference: 'INC-1', title: 'Bench', url: 'http://x' },
      actorLabel: 'A',
      note: 'n',
      reason: 'r',
    });
    const raw = nodemailer.createTransport(`${smtp.url}?pool=true`);
    const baselineStart = performance.now();
    for (let i = 0; i < WATCHERS; i++)
      await raw.sendMail({
        from: 'vigil@bench.test',
        to: `person${i}@bench.test`,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
      });
    const baselineRate = WATCHERS / ((performance.now() - baselineStart) / 1000);
    raw.close();

    const { transport, from } = createEmailTransport(mail, db);
    const receivedBefore = smtp.received.length;
    const sendStart = performance.now();
    const result = await drainOutbox(db, { email: createEmailDeliverer(mail, transport, from) });
    const rate = result.delivered / ((performance.now() - sendStart) / 1000);
    await transport.close();
    if (smtp.received.length - receivedBefore !== WATCHERS)
      throw new Error(
        `SMTP server received ${smtp.received.length - receivedBefore}, expected ${WATCHERS}`,
      );
    console.log(
      `  outbox → SMTP on loopback: ${fmt(rate)} messages/s over ${result.delivered} (target ≥ 100)`,
    );
    console.log(
      `  baseline, nodemailer alone without outbox or rendering: ${fmt(baselineRate)} messages/s (ratio ${(rate / baselineRate).toFixed(2)})`,
    );
  } finally {
    await db?.close();
    await smtp.close();
    await pg.stop();
    removeScratchFolder(scratch);
  }
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const fmt = (n: number) => n.toFixed(n < 10 ? 1 : 0);
