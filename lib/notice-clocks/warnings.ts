import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { incidentNoticeClocks, incidents, noticeRules, users } from '@/db/schema';
import { NOTICE_CLOCK_ADMIN_REASON } from '@/emails/_components/notice-clock';
import { recordActivities } from '@/lib/activity/record-activity';
import { systemActor } from '@/lib/auth/actor';
import type { EmailPayload } from '@/lib/email/deliver-email';
import { formatDuration } from '@/lib/incidents/response-target';
import { incidentNumberLabel } from '@/lib/incidents/schemas';
import { ownerCandidates } from '@/lib/notifications/item-candidates';
import { reasonFor, type Candidate } from '@/lib/notifications/select-recipients';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { queueWebhookEvents } from '@/lib/webhooks/queue-webhook-event';
import { formatDateTime } from '@/lib/time/format';
import type { NoticeWarning } from './clock';

const WARNING_ACTOR = systemActor('worker:notice-clocks');

/**
 * Warns the owners of each incident whose notice clock reached 50 %, 75 % or its deadline,
 * and every active administrator: once each. The claim (warned_*_at) and the emails are
 * written in one transaction, so a restart never sends a warning twice; rows another run
 * holds are skipped, so two workers never both send. A clock that is first seen past a later
 * mark (started in the past, or the worker was down) gets that warning only. These are alerts
 * about a legal deadline: preferences, digests and mutes do not apply.
 */
export async function queueNoticeClockWarnings(
  db: Db,
  now = new Date(),
): Promise<Record<NoticeWarning, number>> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const c = incidentNoticeClocks;
  const mark = (fraction: number) =>
    sql`${c.clockStartedAt} + (${c.deadlineAt} - ${c.clockStartedAt}) * ${fraction}::float8`;
  return db.transaction(async (tx) => {
    const missed = await claim(tx, 'warned_missed_at', sql`${c.deadlineAt} <= ${at}`, at);
    const threeQuarters = await claim(
      tx,
      'warned_three_quarters_at',
      sql`${c.warnedMissedAt} is null and ${c.deadlineAt} > ${at} and ${mark(0.75)} <= ${at}`,
      at,
    );
    const half = await claim(
      tx,
      'warned_half_at',
      sql`${c.warnedMissedAt} is null and ${c.warnedThreeQuartersAt} is null and ${mark(0.75)} > ${at} and ${mark(0.5)} <= ${at}`,
      at,
    );
    const claimed = [
      ...missed.map((id) => ({ id, warning: 'missed' as const })),
      ...threeQuarters.map((id) => ({ id, warning: 'three-quarters' as const })),
      ...half.map((id) => ({ id, warning: 'half' as const })),
    ];
    if (claimed.length) await queueWarnings(tx, claimed, now);
    return { half: half.length, 'three-quarters': threeQuarters.length, missed: missed.length };
  });
}

/** Sets `column` on the running clocks `where` picks and nobody warned yet; their ids. */
async function claim(tx: Tx, column: string, where: SQL, at: SQL): Promise<string[]> {
  const rows = await tx.execute<{ id: string }>(sql`
    with due as (
      select id from incident_notice_clocks
      where notified_at is null and ${sql.identifier(column)} is null and ${where}
      order by deadline_at
      for update skip locked
    )
    update incident_notice_clocks c set ${sql.identifier(column)} = ${at}
    from due where c.id = due.id
    returning c.id`);
  return rows.map((r) => r.id);
}

async function queueWarnings(
  tx: Tx,
  claimed: { id: string; warning: NoticeWarning }[],
  now: Date,
): Promise<void> {
  const clocks = await tx
    .select({
      id: incidentNoticeClocks.id,
      deadlineAt: incidentNoticeClocks.deadlineAt,
      basis: incidentNoticeClocks.basis,
      incidentId: incidents.id,
      number: incidents.number,
      title: incidents.title,
      ownerUserId: incidents.ownerUserId,
      ownerTeamId: incidents.ownerTeamId,
      ruleName: noticeRules.name,
      notify: noticeRules.notify,
      citation: noticeRules.citation,
    })
    .from(incidentNoticeClocks)
    .innerJoin(incidents, eq(incidents.id, incidentNoticeClocks.incidentId))
    .innerJoin(noticeRules, eq(noticeRules.id, incidentNoticeClocks.ruleId))
    .where(
      inArray(
        incidentNoticeClocks.id,
        claimed.map((c) => c.id),
      ),
    );
  const admins = await tx
    .select({ userId: users.id, email: users.email, name: users.name, timeZone: users.timeZone })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(asc(users.createdAt));
  const warningOf = new Map(claimed.map((c) => [c.id, c.warning]));

  const emails: { kind: 'email'; topic: string; payload: EmailPayload }[] = [];
  for (const clock of clocks) {
    const warning = warningOf.get(clock.id)!;
    const reference = incidentNumberLabel(clock.number);
    const recipients = new Map<string, { email: string; timeZone: string; reason: string }>();
    const owners = (await ownerCandidates(tx, clock)).filter((o: Candidate) => o.active);
    for (const owner of owners)
      if (!recipients.has(owner.userId))
        recipients.set(owner.userId, { ...owner, reason: reasonFor(owner.via, reference) });
    for (const admin of admins)
      if (!recipients.has(admin.userId))
        recipients.set(admin.userId, { ...admin, reason: NOTICE_CLOCK_ADMIN_REASON });
    for (const person of recipients.values()) {
      const props = {
        reference,
        title: clock.title,
        ruleName: clock.ruleName,
        notify: clock.notify,
        citation: clock.citation,
        basis: clock.basis,
        deadline: formatDateTime(clock.deadlineAt, person.timeZone),
        reason: person.reason,
        ...(warning === 'missed'
          ? {}
          : {
              stage: warning,
              remaining: formatDuration(clock.deadlineAt.getTime() - now.getTime()),
            }),
      };
      emails.push({
        kind: 'email',
        topic: `incident.notice-${warning}`,
        payload: {
          template: warning === 'missed' ? 'notice-deadline-missed' : 'notice-deadline-approaching',
          to: person.email,
          props,
          appPath: `/incidents/${clock.number}`,
        },
      });
    }
  }
  await enqueueOutbox(tx, ...emails);
  await queueWebhookEvents(
    tx,
    clocks.map((clock) => ({
      type: 'notice.warning' as const,
      incidentId: clock.incidentId,
      ruleName: clock.ruleName,
      warning: warningOf.get(clock.id)!,
      deadlineAt: clock.deadlineAt,
    })),
  );
  await recordActivities(
    tx,
    WARNING_ACTOR,
    clocks.map((clock) => ({
      action: 'incident.notice-warned',
      entityType: 'incident',
      entityId: clock.incidentId,
      changes: {
        noticeRule: { old: null, new: clock.ruleName },
        warning: { old: null, new: warningOf.get(clock.id)! },
      },
    })),
  );
}
