import { and, eq, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { incidentLinks, incidents } from '@/db/schema';
import { recordActivities } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { incidentNumberLabel, linkInput } from './schemas';

/** Links this incident to another (related, duplicate of, parent of); logged on both. */
export async function linkIncidents(
  db: Db,
  actor: Actor,
  incidentId: string,
  rawInput: z.input<typeof linkInput>,
) {
  assertCan(actor, 'tickets.work');
  const input = parseInput(linkInput, rawInput);
  try {
    return await db.transaction(async (tx) => {
      const [from] = await tx
        .select({ id: incidents.id, number: incidents.number })
        .from(incidents)
        .where(eq(incidents.id, incidentId));
      if (!from) throw new NotFoundError('That incident does not exist.');
      const [to] = await tx
        .select({ id: incidents.id, number: incidents.number })
        .from(incidents)
        .where(eq(incidents.number, input.targetNumber));
      if (!to)
        throw new ValidationError({
          targetNumber: `There is no ${incidentNumberLabel(input.targetNumber)}.`,
        });
      if (to.id === from.id)
        throw new ValidationError({ targetNumber: 'An incident cannot be linked to itself.' });
      // A related link has no direction: refuse the mirror image of an existing one.
      if (input.kind === 'related') {
        const [mirror] = await tx
          .select({ id: incidentLinks.id })
          .from(incidentLinks)
          .where(
            and(
              eq(incidentLinks.kind, 'related'),
              eq(incidentLinks.fromIncidentId, to.id),
              eq(incidentLinks.toIncidentId, from.id),
            ),
          );
        if (mirror)
          throw new ValidationError({ targetNumber: 'These incidents are already linked.' });
      }
      const [link] = await tx
        .insert(incidentLinks)
        .values({
          fromIncidentId: from.id,
          toIncidentId: to.id,
          kind: input.kind,
          createdById: actor.kind === 'user' ? actor.userId : null,
        })
        .returning();
      const description = `${incidentNumberLabel(from.number)} ${input.kind.replace('_', ' ')} ${incidentNumberLabel(to.number)}`;
      await recordActivities(tx, actor, [
        {
          action: 'incident.linked',
          entityType: 'incident',
          entityId: from.id,
          changes: { link: { old: null, new: description } },
        },
        {
          action: 'incident.linked',
          entityType: 'incident',
          entityId: to.id,
          changes: { link: { old: null, new: description } },
        },
      ]);
      return link;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'incident_links_pair_key'))
      throw new ValidationError({ targetNumber: 'These incidents are already linked that way.' });
    throw error;
  }
}

export async function unlinkIncidents(
  db: Db,
  actor: Actor,
  incidentId: string,
  linkId: string,
): Promise<void> {
  assertCan(actor, 'tickets.work');
  await db.transaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(incidentLinks)
      .where(
        and(
          eq(incidentLinks.id, linkId),
          or(
            eq(incidentLinks.fromIncidentId, incidentId),
            eq(incidentLinks.toIncidentId, incidentId),
          ),
        ),
      );
    if (!link) throw new NotFoundError('That link does not exist.');
    const numbers = await tx
      .select({ id: incidents.id, number: incidents.number })
      .from(incidents)
      .where(or(eq(incidents.id, link.fromIncidentId), eq(incidents.id, link.toIncidentId)));
    const label = (id: string) => incidentNumberLabel(numbers.find((n) => n.id === id)!.number);
    const description = `${label(link.fromIncidentId)} ${link.kind.replace('_', ' ')} ${label(link.toIncidentId)}`;
    await tx.delete(incidentLinks).where(eq(incidentLinks.id, linkId));
    await recordActivities(
      tx,
      actor,
      [link.fromIncidentId, link.toIncidentId].map((id) => ({
        action: 'incident.unlinked',
        entityType: 'incident',
        entityId: id,
        changes: { link: { old: description, new: null } },
      })),
    );
  });
}
