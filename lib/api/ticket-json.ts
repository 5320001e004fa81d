import { z } from 'zod';
import { watchFrequencyEnum } from '@/db/schema';
import type { TicketChildren } from '@/lib/tickets/get-detail';

// The API answer's pieces every kind of ticket has (owner, watchers, policies, counts of
// notes and attachments, a page of the list), as zod schemas and their serializers.

export const ownerJson = z
  .object({ type: z.enum(['user', 'team']), id: z.uuid(), name: z.string() })
  .nullable()
  .meta({ description: 'A person or a team; null when unassigned.' });

/** The fields of a ticket's detail that come from its child tables. */
export const ticketChildrenJson = {
  watchers: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      email: z.string(),
      frequency: z.enum(watchFrequencyEnum.enumValues),
    }),
  ),
  policies: z.array(
    z.object({ id: z.uuid(), framework: z.string(), reference: z.string(), title: z.string() }),
  ),
  notesCount: z.int(),
  attachmentsCount: z.int(),
};

export function toTicketChildrenJson(
  detail: Pick<TicketChildren, 'watchers' | 'policies' | 'notes' | 'attachments'>,
) {
  return {
    watchers: detail.watchers,
    policies: detail.policies,
    notesCount: detail.notes.length,
    attachmentsCount: detail.attachments.length,
  };
}

/** GET /api/v1/{kind}: a page of list items with the capped count. */
export function ticketPageJson<T extends z.ZodType>(item: T, countDescription?: string) {
  const count = z.int();
  return z.object({
    data: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
    count: countDescription ? count.meta({ description: countDescription }) : count,
    countCapped: z
      .boolean()
      .meta({ description: 'True when more than 10,000 match (count then says 10,000).' }),
  });
}

/** A list row's owner: its id columns beside the joined name. */
export function listRowOwner(row: {
  ownerUserId: string | null;
  ownerTeamId: string | null;
  ownerName: string | null;
}): z.infer<typeof ownerJson> {
  const id = row.ownerUserId ?? row.ownerTeamId;
  return id ? { type: row.ownerUserId ? 'user' : 'team', id, name: row.ownerName ?? '' } : null;
}

export function isoOrNull(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

/** A time in the API: ISO 8601 in UTC, with an example the OpenAPI document shows. */
export function isoTimeJson(example: string) {
  return z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601, UTC', example });
}

/** A ticket's number as people read it, INC-1042 or TASK-2001. */
export function numberLabelJson(prefix: string, example: number) {
  return z
    .string()
    .regex(new RegExp(`^${prefix}-\\d+$`))
    .meta({ example: `${prefix}-${example}` });
}
