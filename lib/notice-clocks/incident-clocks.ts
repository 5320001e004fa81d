import { alias } from 'drizzle-orm/pg-core';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import {
  incidentAttachments,
  incidentNoticeClocks,
  incidents,
  noticeRules,
  users,
  type IncidentNoticeClock,
} from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { localInputToIso } from '@/lib/time/local-input';
import { parseInput } from '@/lib/validation';
import { deadlineFor } from './clock';

// Marking an incident notifiable under a rule starts its clock; recording the notification
// stops it. Both are activity rows on the incident, beside the clock row itself.

/**
 * A time as the form sends it: a datetime-local value in the actor's zone, or an ISO instant
 * (the API); empty means now. Never in the future: the clock runs from something that happened.
 */
function pastInstant(field: string, label: string) {
  return (value: string | undefined, timeZone: string, now: Date): Date => {
    const trimmed = (value ?? '').trim();
    if (!trimmed) return now;
    let at: Date;
    try {
      at = /[zZ]|[+-]\d{2}:?\d{2}$/.test(trimmed)
        ? new Date(trimmed)
        : new Date(localInputToIso(trimmed, timeZone)!);
    } catch {
      at = new Date(NaN);
    }
    if (Number.isNaN(at.getTime()))
      throw new ValidationError({ [field]: `Give ${label} as a date and time.` });
    if (at.getTime() > now.getTime())
      throw new ValidationError({ [field]: `${capitalise(label)} cannot be in the future.` });
    return at;
  };
}

const capitalise = (s: string) => s[0].toUpperCase() + s.slice(1);
const clockStart = pastInstant('clockStartedAt', 'the clock’s start');
const notifiedWhen = pastInstant('notifiedAt', 'when the notification was made');

export const markNotifiableInput = z.object({
  ruleId: z.string().min(1, 'Choose a rule.'),
  ruleVersion: z.coerce.number().int().min(1),
  basis: z
    .string()
    .max(4000, 'Use at most 4,000 characters.')
    .trim()
    .min(1, 'Say why the incident is notifiable: the decision is evidence.'),
  clockStartedAt: z.string().optional(),
});

export async function markIncidentNotifiable(
  db: Db,
  actor: Actor,
  incidentId: string,
  rawInput: z.input<typeof markNotifiableInput>,
): Promise<IncidentNoticeClock> {
  assertCan(actor, 'tickets.work');
  const input = parseInput(markNotifiableInput, rawInput);
  const startedAt = clockStart(input.clockStartedAt, timeZoneOf(actor), new Date());
  return db.transaction(async (tx) => {
    const [incident] = await tx
      .select({ id: incidents.id })
      .from(incidents)
      .where(eq(incidents.id, incidentId));
    if (!incident) throw new NotFoundError('That incident does not exist.');
    const [rule] = z.uuid().safeParse(input.ruleId).success
      ? await tx.select().from(noticeRules).where(eq(noticeRules.id, input.ruleId)).for('share')
      : [];
    if (!rule || !rule.enabled)
      throw new ValidationError({
        ruleId: 'Choose one of the rules the organization has enabled.',
      });
    if (rule.version !== input.ruleVersion)
      throw new ConflictError(
        `The rule “${rule.name}” was changed since this page was loaded. Reload to see its deadline, then mark the incident again.`,
      );
    const [clock] = await tx
      .insert(incidentNoticeClocks)
      .values({
        incidentId,
        ruleId: rule.id,
        clockStartedAt: startedAt,
        deadlineAt: deadlineFor(startedAt, rule.deadlineHours),
        basis: input.basis,
        decidedById: actor.kind === 'user' ? actor.userId : null,
      })
      .onConflictDoNothing()
      .returning();
    if (!clock)
      throw new ConflictError(
        `This incident is already marked notifiable under “${rule.name}”. Reload to see its clock.`,
      );
    await recordActivity(tx, actor, {
      action: 'incident.notice-marked',
      entityType: 'incident',
      entityId: incidentId,
      changes: {
        noticeRule: { old: null, new: rule.name },
        basis: { old: null, new: clock.basis },
        clockStartedAt: { old: null, new: clock.clockStartedAt.toISOString() },
        noticeDeadline: { old: null, new: clock.deadlineAt.toISOString() },
      },
    });
    return clock;
  });
}

export const recordNotificationInput = z.object({
  version: z.coerce.number().int().min(1),
  notifiedAt: z.string().optional(),
  notifiedTo: z
    .string()
    .max(300, 'Use at most 300 characters.')
    .trim()
    .min(1, 'Say who was notified.'),
  reference: z
    .string()
    .max(200, 'Use at most 200 characters.')
    .trim()
    .min(1, 'Give the reference the recipient gave (a case or confirmation number).'),
  attachmentId: z.string().optional(),
});

export async function recordNoticeNotification(
  db: Db,
  actor: Actor,
  clockId: string,
  rawInput: z.input<typeof recordNotificationInput>,
): Promise<IncidentNoticeClock> {
  assertCan(actor, 'tickets.work');
  const input = parseInput(recordNotificationInput, rawInput);
  const notifiedAt = notifiedWhen(input.notifiedAt, timeZoneOf(actor), new Date());
  const attachmentId = input.attachmentId?.trim() || null;
  return db.transaction(async (tx) => {
    const [clock] = z.uuid().safeParse(clockId).success
      ? await tx
          .select({ clock: incidentNoticeClocks, ruleName: noticeRules.name })
          .from(incidentNoticeClocks)
          .innerJoin(noticeRules, eq(noticeRules.id, incidentNoticeClocks.ruleId))
          .where(eq(incidentNoticeClocks.id, clockId))
          .for('update', { of: incidentNoticeClocks })
      : [];
    if (!clock) throw new NotFoundError('That notice clock does not exist.');
    const before = clock.clock;
    if (before.notifiedAt)
      throw new ConflictError(
        `The notification under “${clock.ruleName}” is recorded already. Reload to see it.`,
      );
    if (before.version !== input.version)
      throw new ConflictError(
        `The clock under “${clock.ruleName}” was changed since this page was loaded. Reload, then record the notification again.`,
      );
    if (notifiedAt < before.clockStartedAt)
      throw new ValidationError({
        notifiedAt: 'The notification cannot be before the clock started.',
      });
    let copyName: string | null = null;
    if (attachmentId) {
      const [copy] = z.uuid().safeParse(attachmentId).success
        ? await tx
            .select({ fileName: incidentAttachments.fileName })
            .from(incidentAttachments)
            .where(
              and(
                eq(incidentAttachments.id, attachmentId),
                eq(incidentAttachments.incidentId, before.incidentId),
              ),
            )
        : [];
      if (!copy)
        throw new ValidationError({ attachmentId: 'Choose one of this incident’s attachments.' });
      copyName = copy.fileName;
    }
    const [after] = await tx
      .update(incidentNoticeClocks)
      .set({
        notifiedAt,
        notifiedTo: input.notifiedTo,
        notificationReference: input.reference,
        notificationAttachmentId: attachmentId,
        recordedById: actor.kind === 'user' ? actor.userId : null,
        recordedAt: sql`now()`,
        version: before.version + 1,
      })
      .where(eq(incidentNoticeClocks.id, before.id))
      .returning();
    await recordActivity(tx, actor, {
      action: 'incident.notice-recorded',
      entityType: 'incident',
      entityId: before.incidentId,
      changes: {
        noticeRule: { old: null, new: clock.ruleName },
        notifiedAt: { old: null, new: notifiedAt.toISOString() },
        notifiedTo: { old: null, new: input.notifiedTo },
        reference: { old: null, new: input.reference },
        ...(copyName ? { attachment: { old: null, new: copyName } } : {}),
      },
    });
    return after;
  });
}

function timeZoneOf(actor: Actor): string {
  return (actor.kind === 'user' && actor.timeZone) || 'UTC';
}

const decider = alias(users, 'decider');
const recorder = alias(users, 'recorder');

export type IncidentNoticeClockRow = IncidentNoticeClock & {
  ruleName: string;
  ruleNotify: string;
  ruleCitation: string;
  ruleDeadlineHours: number;
  decidedByName: string | null;
  recordedByName: string | null;
  attachmentFileName: string | null;
};

/** The incident's clocks, running ones first (soonest deadline), then the stopped ones. */
export async function getIncidentNoticeClocks(
  db: DbOrTx,
  incidentId: string,
): Promise<IncidentNoticeClockRow[]> {
  const rows = await db
    .select({
      clock: incidentNoticeClocks,
      ruleName: noticeRules.name,
      ruleNotify: noticeRules.notify,
      ruleCitation: noticeRules.citation,
      ruleDeadlineHours: noticeRules.deadlineHours,
      decidedByName: decider.name,
      recordedByName: recorder.name,
      attachmentFileName: incidentAttachments.fileName,
    })
    .from(incidentNoticeClocks)
    .innerJoin(noticeRules, eq(noticeRules.id, incidentNoticeClocks.ruleId))
    .leftJoin(decider, eq(decider.id, incidentNoticeClocks.decidedById))
    .leftJoin(recorder, eq(recorder.id, incidentNoticeClocks.recordedById))
    .leftJoin(
      incidentAttachments,
      eq(incidentAttachments.id, incidentNoticeClocks.notificationAttachmentId),
    )
    .where(eq(incidentNoticeClocks.incidentId, incidentId))
    .orderBy(
      sql`${incidentNoticeClocks.notifiedAt} is not null`,
      asc(incidentNoticeClocks.deadlineAt),
    );
  return rows.map(({ clock, ...rest }) => ({ ...clock, ...rest }));
}

export type RunningNoticeClock = {
  id: string;
  incidentId: string;
  clockStartedAt: Date;
  deadlineAt: Date;
  ruleName: string;
};

/** The running clocks of a page of incidents, in one query: incident id → soonest first. */
export async function getRunningNoticeClocksFor(
  db: DbOrTx,
  incidentIds: string[],
): Promise<Map<string, RunningNoticeClock[]>> {
  const byIncident = new Map<string, RunningNoticeClock[]>();
  if (!incidentIds.length) return byIncident;
  const rows = await db
    .select({
      id: incidentNoticeClocks.id,
      incidentId: incidentNoticeClocks.incidentId,
      clockStartedAt: incidentNoticeClocks.clockStartedAt,
      deadlineAt: incidentNoticeClocks.deadlineAt,
      ruleName: noticeRules.name,
    })
    .from(incidentNoticeClocks)
    .innerJoin(noticeRules, eq(noticeRules.id, incidentNoticeClocks.ruleId))
    .where(
      and(
        inArray(incidentNoticeClocks.incidentId, incidentIds),
        isNull(incidentNoticeClocks.notifiedAt),
      ),
    )
    .orderBy(asc(incidentNoticeClocks.deadlineAt));
  for (const row of rows) {
    const list = byIncident.get(row.incidentId) ?? [];
    list.push(row);
    byIncident.set(row.incidentId, list);
  }
  return byIncident;
}

export type DashboardNoticeClock = RunningNoticeClock & { number: number; title: string };

/** Clocks still running across the organization, soonest deadline first (the dashboard). */
export async function getRunningNoticeClocks(
  db: DbOrTx,
  limit = 10,
): Promise<DashboardNoticeClock[]> {
  return db
    .select({
      id: incidentNoticeClocks.id,
      incidentId: incidentNoticeClocks.incidentId,
      clockStartedAt: incidentNoticeClocks.clockStartedAt,
      deadlineAt: incidentNoticeClocks.deadlineAt,
      ruleName: noticeRules.name,
      number: incidents.number,
      title: incidents.title,
    })
    .from(incidentNoticeClocks)
    .innerJoin(noticeRules, eq(noticeRules.id, incidentNoticeClocks.ruleId))
    .innerJoin(incidents, eq(incidents.id, incidentNoticeClocks.incidentId))
    .where(isNull(incidentNoticeClocks.notifiedAt))
    .orderBy(asc(incidentNoticeClocks.deadlineAt), asc(incidentNoticeClocks.id))
    .limit(limit);
}
