import type { DbOrTx } from '@/db/client';
import { type FieldChanges, type Incident } from '@/db/schema';
import { diffFields } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { getBusinessCalendar } from '@/lib/organization/business-calendar';
import { parseInput } from '@/lib/validation';
import {
  dueAndOwnerChanges,
  editedFields,
  loadForEdit,
  writeEdit,
} from '@/lib/tickets/edit-ticket';
import { changeRelations } from '@/lib/tickets/relations';
import { incidentKind } from './ticket-kind';
import { queueIncidentEscalated } from './page-on-call';
import { computeResponseDue } from './response-target';
import { updateIncidentInput, type UpdateIncidentInput } from './schemas';

const SEVERITY_RANK = { none: 0, low: 1, medium: 2, high: 3 } as const;

/**
 * Changes an incident's title, owner, severity, due date, description, watchers or
 * policies against the version the editor saw. A severity change recomputes the response
 * target from when the incident was opened; raising it to Medium or High pages on-call.
 */
export async function updateIncident(
  db: DbOrTx,
  actor: Actor,
  incidentId: string,
  rawInput: UpdateIncidentInput,
): Promise<Incident> {
  assertCan(actor, 'tickets.work');
  const input = parseInput(updateIncidentInput, rawInput);

  return db.transaction(async (tx) => {
    const before = await loadForEdit(tx, incidentKind, actor, incidentId, input);
    const fields: Partial<Incident> = editedFields(input);
    if (input.severity !== undefined) fields.severity = input.severity;
    if (input.severity && input.severity !== before.severity) {
      fields.responseDueAt = computeResponseDue(
        before.createdAt,
        input.severity,
        await getBusinessCalendar(tx),
      );
    }

    const changes: FieldChanges = {
      ...diffFields(before, fields, ['title', 'severity', 'description', 'responseDueAt']),
      ...dueAndOwnerChanges(before, input),
    };
    if (changes.responseDueAt) {
      changes.responseDueAt = {
        old: before.responseDueAt.toISOString(),
        new: fields.responseDueAt!.toISOString(),
      };
    }
    Object.assign(changes, await changeRelations(tx, incidentKind, incidentId, input));
    if (Object.keys(changes).length === 0) return before;

    const after = await writeEdit(tx, incidentKind, actor, incidentId, fields, changes);
    await queueNotification(tx, actor, {
      entityType: 'incident',
      entityId: incidentId,
      event: 'updated',
      changes,
    });
    if (
      input.severity &&
      SEVERITY_RANK[input.severity] > SEVERITY_RANK[before.severity] &&
      after.state !== 'closed'
    ) {
      await queueIncidentEscalated(tx, after, before.severity);
    }
    return after;
  });
}
