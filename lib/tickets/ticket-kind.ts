import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { FieldChanges } from '@/db/schema';
import type { Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import type { NotificationInput } from '@/lib/notifications/queue-notification';

// What the shared ticket code needs to know about one kind of ticket (incidents, tasks):
// its tables and their columns, its words, and the few places where a kind behaves
// differently, as hooks. Shared code reads these fields and never asks which kind it has.

/** The columns every ticket table has, as the shared code reads and writes them. */
export type TicketRow = {
  id: string;
  number: number;
  title: string;
  state: string;
  ownerUserId: string | null;
  ownerTeamId: string | null;
  createdById: string | null;
  updatedById: string | null;
  updatedAt: Date;
  version: number;
};

type Columns<K extends string> = { [P in K]: AnyPgColumn };

/** A child table (watchers, notes…): its parent-id column, and that column's property name for inserts. */
export type ChildTable<K extends string> = {
  table: PgTable & Columns<K>;
  ticketKey: string;
  ticketId: AnyPgColumn;
};

/** Describes a child table by the property of its parent-id column: childTable(incidentNotes, 'incidentId'). */
export function childTable<T extends PgTable, K extends keyof T & string>(table: T, ticketKey: K) {
  return { table, ticketKey, ticketId: table[ticketKey] as AnyPgColumn };
}

/** What a kind-specific hook may add to the ticket's update and the activity row when a note is added. */
export type NoteAddedEffect = { set?: Record<string, unknown>; changes?: FieldChanges };

export type TicketKind<Row extends TicketRow = TicketRow> = {
  /** entity_type in the activity log and the notification outbox: "incident", "task". */
  entityType: NotificationInput['entityType'];
  /** The word a sentence uses: "That incident does not exist." */
  noun: string;
  /** INC, TASK: numbers read INC-1042. */
  numberPrefix: string;
  /** Where its pages live: /incidents. */
  routeBase: string;
  /** The plural used in file names: vigil-incidents-20261128-1405.csv. */
  plural: string;
  permissions: { view: 'tickets.view'; work: 'tickets.work'; export: 'tickets.export' };
  table: PgTable &
    Columns<'id' | 'number' | 'updatedAt' | 'updatedById' | 'version' | 'title' | 'state'>;
  watchers: ChildTable<'userId' | 'frequency'>;
  policies: ChildTable<'policyId'>;
  notes: ChildTable<
    'id' | 'authorId' | 'authorLabel' | 'body' | 'createdAt' | 'editedAt' | 'version'
  >;
  attachments: ChildTable<
    'id' | 'fileName' | 'contentType' | 'sizeBytes' | 'sha256' | 'uploadedById' | 'uploadedAt'
  >;
  hooks?: {
    /**
     * Runs in the note's transaction after it is stored; what it returns is written onto
     * the ticket and into the activity row (incidents: an owner's first note is the response).
     */
    // Method syntax on purpose: a kind's hook takes its own row type where TicketKind means any kind.
    onNoteAdded?(
      tx: Tx,
      actor: Actor,
      ticket: Row,
      note: { createdAt: Date },
    ): Promise<NoteAddedEffect>;
  };
  /** Only for typing: the row type of the kind's table. */
  readonly rowType?: Row;
};

/** "This incident", as conflict messages begin. */
export function thisTicket(kind: Pick<TicketKind, 'noun'>): string {
  return `This ${kind.noun}`;
}
