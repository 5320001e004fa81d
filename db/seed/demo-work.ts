import type { Db } from '@/db/client';
import { teams, users } from '@/db/schema';
import { userActor, type UserActor } from '@/lib/auth/actor';
import { copyTemplates } from '@/lib/library/copy-templates';
import { generateNow } from '@/lib/schedules/generate';
import { closeTask } from '@/lib/tasks/change-state';
import { createTask } from '@/lib/tasks/create-task';

const DAY = 86_400_000;

/**
 * The recurring side of the demo: Sara copies a few reviews from the library, as in the
 * product's worked example, each active schedule has its current task, and a few one-off
 * tasks show an overdue one and one closed with its findings.
 */
export async function seedDemoWork(db: Db): Promise<void> {
  const people = await db.select().from(users);
  const teamRows = await db.select().from(teams);
  const person = (email: string) => people.find((p) => p.email === email)!;
  const actorFor = (email: string): UserActor => userActor(person(email));
  const sara = actorFor('sara@example.com');
  const owner = (email: string) => `user:${person(email).id}`;
  const team = (name: string) => `team:${teamRows.find((t) => t.name === name)!.id}`;
  const watchSara = [{ userId: sara.userId, frequency: 'opened_closed' as const }];

  const copies = [
    { key: 'windows-user-account-management', owner: owner('justin@example.com'), active: true },
    { key: 'firewall-rule-review', owner: owner('dana@example.com'), active: true },
    { key: 'backup-verification', owner: team('Network Operations'), active: true },
    { key: 'daily-critical-log-review', owner: team('TRAC'), active: true },
    { key: 'board-security-report', owner: owner('sara@example.com'), active: false },
  ];
  for (const copy of copies) {
    const [schedule] = await copyTemplates(db, sara, {
      keys: [copy.key],
      timeZone: 'America/Chicago',
      active: copy.active,
      owner: copy.owner,
      watchers: watchSara,
    });
    if (copy.active) await generateNow(db, sara, schedule.id);
  }

  const now = Date.now();
  await createTask(db, sara, {
    title: 'Review the failed logins report from the weekend',
    owner: owner('justin@example.com'),
    watchers: watchSara,
    dueAt: new Date(now - 2 * DAY).toISOString(),
    description:
      'Look for accounts with unusually many failures and for attempts outside business hours.',
    tags: ['failed logons'],
  });
  await createTask(db, sara, {
    title: 'Rotate the branch VPN pre-shared key',
    owner: owner('dana@example.com'),
    dueAt: new Date(now + 5 * DAY).toISOString(),
    description: 'Follow the network runbook; record the change ticket number in the findings.',
    tags: ['network'],
  });
  const { task } = await createTask(db, sara, {
    title: 'Approve the new core vendor remote-access request',
    owner: owner('priya@example.com'),
    dueAt: new Date(now + 1 * DAY).toISOString(),
    description: 'Check the vendor contract allows remote access and that MFA is enforced.',
    tags: ['third parties'],
  });
  await closeTask(db, actorFor('priya@example.com'), task.id, {
    version: task.version,
    from: task.state,
    findings:
      'Contract section 7.2 allows it; MFA enforced through the VPN. Access limited to the core host, expires in 30 days.',
  });
}
