import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { incidents, type FieldChanges, type Incident } from '@/db/schema';
import { diffFields, recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { getBusinessCalendar } from '@/lib/organization/business-calendar';
import { assertOwnerExists, ownerKey } from '@/lib/owners/owner';
import { assertPoliciesExist } from '@/lib/policies/assert-policies-exist';
import { assertActiveUsers } from '@/lib/users/assert-users-exist';
import { parseInput } from '@/lib/validation';
import { loadTicketForUpdate } from '@/lib/tickets/load-for-update';
import { changeRelations } from '@/lib/tickets/relations';
import { incidentKind } from './ticket-kind';
import { pageOnCallIfUrgent } from './page-on-call';
import { computeResponseDue } from './response-target';
import { updateIncidentInput, type UpdateIncidentInput } from './schemas';

const SEVERITY_RANK = { none: 0, low: 1, medium: 2, high: 3 } as const;

/**
 * Changes an incident's title, owner, severity, due date, description, watchers or
 * policies against the version the editor saw. A severity change recomputes the response
 * target from when the incident was opened; raising it to Medium or High pages on-call.
 */
export async function updateIncident(db: DbOrTx, actor: Actor, incidentId: string, rawInput: UpdateIncidentInput): Promise<Incident> {
  assertCan(actor, 'tickets.work');
  const input = parseInput(updateIncidentInput, rawInput);

  return db.transaction(async (tx) => {
    const before = await loadTicketForUpdate(tx, incidentKind, actor, incidentId, input.version);
    if (input.owner) await assertOwnerExists(tx, input.owner);
    if (input.watchers) await assertActiveUsers(tx, input.watchers.map((w) => w.userId), 'watchers');
    if (input.policyIds) await assertPoliciesExist(tx, input.policyIds);

    const fields: Partial<Incident> = {};
    if (input.title !== undefined) fields.title = input.title;
    if (input.severity !== undefined) fields.severity = input.severity;
    if (input.dueAt !== undefined) fields.dueAt = input.dueAt;
    if (input.description !== undefined) fields.description = input.description;
    if (input.owner) Object.assign(fields, input.owner);
    if (input.severity && input.severity !== before.severity) {
      fields.responseDueAt = computeResponseDue(before.createdAt, input.severity, await getBusinessCalendar(tx));
    }

    const changes: FieldChanges = diffFields(before, fields, ['title', 'severity', 'description', 'responseDueAt']);
    if (input.dueAt !== undefined && before.dueAt?.getTime() !== input.dueAt?.getTime()) {
      changes.dueAt = { old: before.dueAt?.toISOString() ?? null, new: input.dueAt?.toISOString() ?? null };
    }
    if (changes.responseDueAt) {
      changes.responseDueAt = { old: before.responseDueAt.toISOString(), new: fields.responseDueAt!.toISOString() };
    }
    if (input.owner && ownerKey(input.owner) !== ownerKey(before)) {
      changes.owner = { old: ownerKey(before) || null, new: ownerKey(input.owner) || null };
    }
    Object.assign(changes, await changeRelations(tx, incidentKind, incidentId, input));
    if (Object.keys(changes).length === 0) return before;

    const [after] = await tx
      .update(incidents)
      .set({
        ...fields,
        updatedAt: sql`now()`,
        updatedById: actor.kind === 'user' ? actor.userId : null,
        version: sql`${incidents.version} + 1`,
      })
      .where(eq(incidents.id, incidentId))
      .returning();
    await recordActivity(tx, actor, { action: 'incident.updated', entityType: 'incident', entityId: incidentId, changes });
    await queueNotification(tx, actor, { entityType: 'incident', entityId: incidentId, event: 'updated', changes });
    if (input.severity && SEVERITY_RANK[input.severity] > SEVERITY_RANK[before.severity] && after.state !== 'closed') {
      await pageOnCallIfUrgent(tx, after, 'escalated');
    }
    return after;
  });
}
