import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { policies, teams, users, type WatchFrequency } from '@/db/schema';
import type { TicketKind, TicketRow } from './ticket-kind';

// What a ticket's page, the API and notifications show besides the row itself: the same
// child queries for every kind, run side by side.

export type TicketChildren = {
  owner: { type: 'user' | 'team'; id: string; name: string } | null;
  createdByName: string | null;
  watchers: { userId: string; name: string; email: string; frequency: WatchFrequency }[];
  policies: { id: string; framework: string; reference: string; title: string }[];
  notes: {
    id: string;
    authorId: string | null;
    authorLabel: string;
    body: string;
    createdAt: Date;
    editedAt: Date | null;
  }[];
  attachments: {
    id: string;
    fileName: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    uploadedAt: Date;
    uploadedByName: string | null;
  }[];
};

/** The row by id or by number, or undefined. */
export async function findTicket<Row extends TicketRow>(
  db: DbOrTx,
  kind: TicketKind<Row>,
  where: { id: string } | { number: number },
): Promise<Row | undefined> {
  const condition =
    'id' in where ? eq(kind.table.id, where.id) : eq(kind.table.number, where.number);
  const [row] = (await db.select().from(kind.table).where(condition)) as Row[];
  return row;
}

export async function getTicketChildren(
  db: DbOrTx,
  kind: TicketKind,
  ticket: TicketRow,
): Promise<TicketChildren> {
  const { watchers: w, policies: p, notes: n, attachments: a } = kind;
  const [ownerUser, ownerTeam, creator, watchers, policyRows, notes, attachments] =
    await Promise.all([
      ticket.ownerUserId
        ? db
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(eq(users.id, ticket.ownerUserId))
        : [],
      ticket.ownerTeamId
        ? db
            .select({ id: teams.id, name: teams.name })
            .from(teams)
            .where(eq(teams.id, ticket.ownerTeamId))
        : [],
      ticket.createdById
        ? db.select({ name: users.name }).from(users).where(eq(users.id, ticket.createdById))
        : [],
      db
        .select({
          userId: users.id,
          name: users.name,
          email: users.email,
          frequency: w.table.frequency,
        })
        .from(w.table)
        .innerJoin(users, eq(users.id, w.table.userId))
        .where(eq(w.ticketId, ticket.id))
        .orderBy(asc(users.name)),
      db
        .select({
          id: policies.id,
          framework: policies.framework,
          reference: policies.reference,
          title: policies.title,
        })
        .from(p.table)
        .innerJoin(policies, eq(policies.id, p.table.policyId))
        .where(eq(p.ticketId, ticket.id))
        .orderBy(asc(policies.framework), asc(policies.reference)),
      db
        .select({
          id: n.table.id,
          authorId: n.table.authorId,
          authorLabel: n.table.authorLabel,
          body: n.table.body,
          createdAt: n.table.createdAt,
          editedAt: n.table.editedAt,
        })
        .from(n.table)
        .where(eq(n.ticketId, ticket.id))
        .orderBy(asc(n.table.createdAt)),
      db
        .select({
          id: a.table.id,
          fileName: a.table.fileName,
          contentType: a.table.contentType,
          sizeBytes: a.table.sizeBytes,
          sha256: a.table.sha256,
          uploadedAt: a.table.uploadedAt,
          uploadedByName: users.name,
        })
        .from(a.table)
        .leftJoin(users, eq(users.id, a.table.uploadedById))
        .where(eq(a.ticketId, ticket.id))
        .orderBy(asc(a.table.uploadedAt)),
    ]);

  const owner = ownerUser[0]
    ? { type: 'user' as const, ...ownerUser[0] }
    : ownerTeam[0]
      ? { type: 'team' as const, ...ownerTeam[0] }
      : null;
  return {
    owner,
    createdByName: creator[0]?.name ?? null,
    watchers: watchers as TicketChildren['watchers'],
    policies: policyRows,
    notes: notes as TicketChildren['notes'],
    attachments: attachments as TicketChildren['attachments'],
  };
}
