import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { incidents, policies, teams, users } from '@/db/schema';
import { userActor, type UserActor } from '@/lib/auth/actor';
import { addIncidentNote } from '@/lib/incidents/evidence';
import { changeIncidentState } from '@/lib/incidents/change-state';
import { createIncident } from '@/lib/incidents/create-incident';
import { linkIncidents } from '@/lib/incidents/links';

type Demo = {
  title: string;
  by: string;
  owner: string; // email, or "team:<name>"
  severity: 'none' | 'low' | 'medium' | 'high';
  hoursAgo: number;
  state?: 'analysis' | 'remediation' | 'resolved' | 'closed';
  note?: string;
  watchers?: string[];
  policy?: string;
  description: string;
};

const DEMOS: Demo[] = [
  {
    title: 'Spike in logon and logoff events for user jsmith',
    by: 'soc@example.com',
    owner: 'team:TRAC',
    severity: 'medium',
    hoursAgo: 3,
    watchers: ['sara@example.com'],
    policy: '8.11',
    description:
      '**Who:** WS-TELLER-07 (10.20.4.17)\n\n**What:** 412 logon/logoff pairs in 20 minutes for jsmith.\n\n**When:** started 09:40, ongoing.',
  },
  {
    title: 'Security log cleared on FS-02',
    by: 'justin@example.com',
    owner: 'justin@example.com',
    severity: 'high',
    hoursAgo: 5,
    state: 'analysis',
    policy: '8.11',
    note: 'Confirmed event 1102 at 04:12; checking who was logged in.',
    description:
      '**Who:** FS-02\n\n**What:** Windows event 1102 (audit log cleared).\n\n**When:** 04:12, once.',
  },
  {
    title: 'Outbound connections to an unexpected country from the DMZ',
    by: 'dana@example.com',
    owner: 'dana@example.com',
    severity: 'high',
    hoursAgo: 30,
    watchers: ['priya@example.com'],
    description:
      '**Who:** DMZ-WEB-01\n\n**What:** repeated TLS sessions to a host geolocated to an unexpected country.\n\n**When:** since yesterday 08:00, ongoing.',
  },
  {
    title: 'Five failed logons then success for a service account',
    by: 'justin@example.com',
    owner: 'team:TRAC',
    severity: 'low',
    hoursAgo: 50,
    state: 'remediation',
    policy: '5.4',
    note: 'Password rotated; vendor confirms the script had a stale credential.',
    description:
      '**Who:** svc-backup on BK-01\n\n**What:** 5 × event 4625 followed by 4624.\n\n**When:** 02:00–02:03.',
  },
  {
    title: 'Phishing email reported by branch staff',
    by: 'sara@example.com',
    owner: 'soc@example.com',
    severity: 'low',
    hoursAgo: 8,
    description:
      '**Who:** three tellers at the Main Street branch\n\n**What:** email impersonating the core vendor asking to "re-validate" credentials.\n\n**When:** received 07:55.',
  },
  {
    title: 'New local administrator added on HR laptop',
    by: 'priya@example.com',
    owner: 'priya@example.com',
    severity: 'medium',
    hoursAgo: 20,
    state: 'resolved',
    policy: '5.4',
    note: 'Added by the desktop team for a driver install; removed. Ticket referenced.',
    description:
      '**Who:** LT-HR-03\n\n**What:** event 4732, local Administrators group.\n\n**When:** 14:10.',
  },
  {
    title: 'Backup job failures on the core database server',
    by: 'dana@example.com',
    owner: 'team:Network Operations',
    severity: 'none',
    hoursAgo: 70,
    policy: '11.2',
    description:
      '**Who:** CORE-DB-01\n\n**What:** nightly backup reported "error writing to target" twice.\n\n**When:** two nights running.',
  },
  {
    title: 'Antivirus detection: PUA in Downloads folder',
    by: 'soc@example.com',
    owner: 'team:TRAC',
    severity: 'low',
    hoursAgo: 100,
    state: 'closed',
    note: 'Benign: a PDF tool bundle; removed and user reminded of the software policy.',
    description:
      '**Who:** WS-LOAN-11\n\n**What:** potentially unwanted application quarantined.\n\n**When:** 11:20, once.',
  },
];

/** A week of a real team's incidents, so the list, the clocks and the filters have something to show. */
export async function seedDemoIncidents(db: Db): Promise<void> {
  const people = await db.select().from(users);
  const teamRows = await db.select().from(teams);
  const policyRows = await db.select().from(policies).where(eq(policies.framework, 'CIS'));
  const actorFor = (email: string): UserActor => userActor(people.find((p) => p.email === email)!);
  const ownerOf = (owner: string) =>
    owner.startsWith('team:')
      ? `team:${teamRows.find((t) => t.name === owner.slice(5))!.id}`
      : `user:${people.find((p) => p.email === owner)!.id}`;

  const created: number[] = [];
  for (const demo of DEMOS) {
    const actor = actorFor(demo.by);
    const { incident } = await createIncident(db, actor, {
      title: demo.title,
      owner: ownerOf(demo.owner),
      severity: demo.severity,
      description: demo.description,
      watchers: (demo.watchers ?? []).map((email) => ({
        userId: actorFor(email).userId,
        frequency: 'all' as const,
      })),
      policyIds: demo.policy
        ? policyRows.filter((p) => p.reference === demo.policy).map((p) => p.id)
        : [],
      source: demo.by === 'soc@example.com' ? 'alert' : 'user',
    });
    // Move the incident back in time so its response clock reads as it would have.
    const shift = sql`make_interval(hours => ${demo.hoursAgo})`;
    await db
      .update(incidents)
      .set({
        createdAt: sql`${incidents.createdAt} - ${shift}`,
        responseDueAt: sql`${incidents.responseDueAt} - ${shift}`,
        updatedAt: sql`${incidents.updatedAt} - ${shift}`,
      })
      .where(eq(incidents.id, incident.id));
    let { version, state: from } = incident;
    if (demo.note) await addIncidentNote(db, actor, incident.id, { body: demo.note });
    if (demo.state) {
      for (const state of ['analysis', 'remediation', 'resolved', 'closed'] as const) {
        const after = await changeIncidentState(db, actor, incident.id, {
          version,
          from,
          to: state,
          note: state === 'closed' ? (demo.note ?? 'Closed after review.') : undefined,
        });
        ({ version, state: from } = after);
        if (state === demo.state) break;
      }
    }
    created.push(incident.number);
  }
  await linkIncidents(
    db,
    actorFor('justin@example.com'),
    (
      await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.number, created[1]))
    )[0].id,
    {
      targetNumber: created[3],
      kind: 'related',
    },
  );
}
