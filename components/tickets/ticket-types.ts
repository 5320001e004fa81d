import type { NamedOwner } from '@/lib/owners/owner-label';

// What an incident's and a task's detail share, as their detail pages read it; each kind's
// getXDetail returns a superset of this.

export type TicketNote = {
  id: string;
  authorLabel: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
};
export type TicketAttachment = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
};
export type TicketWatcher = { userId: string; name: string; frequency: 'all' | 'opened_closed' };
export type TicketPolicy = { id: string; framework: string; reference: string };

export type TicketDetailCommon = {
  owner: NamedOwner | null;
  dueAt: Date | null;
  createdAt: Date;
  createdByName: string | null;
  closedAt: Date | null;
  watchers: TicketWatcher[];
  policies: TicketPolicy[];
};
