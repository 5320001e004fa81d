import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  incidentAttachments,
  incidentLinks,
  incidentNotes,
  incidentPolicies,
  incidents,
  incidentWatchers,
  policies,
  teams,
  users,
  type Incident,
  type IncidentLinkKind,
} from '@/db/schema';

export type IncidentLinkView = {
  id: string;
  kind: IncidentLinkKind;
  /** How the link reads from this incident's side: "duplicate of", "duplicated by", "parent of", "child of", "related to". */
  relation: string;
  number: number;
  title: string;
  state: Incident['state'];
};

export type IncidentDetail = Incident & {
  owner: { type: 'user' | 'team'; id: string; name: string } | null;
  createdByName: string | null;
  watchers: { userId: string; name: string; email: string; frequency: 'all' | 'opened_closed' }[];
  policies: { id: string; framework: string; reference: string; title: string }[];
  notes: { id: string; authorId: string | null; authorLabel: string; body: string; createdAt: Date; editedAt: Date | null }[];
  attachments: { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; uploadedAt: Date; uploadedByName: string | null }[];
  links: IncidentLinkView[];
};

export async function getIncidentIdByNumber(db: DbOrTx, number: number): Promise<string | undefined> {
  const [row] = await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.number, number));
  return row?.id;
}

/** One incident with everything its page, the API and notifications show. */
export async function getIncidentDetail(db: DbOrTx, where: { id: string } | { number: number }): Promise<IncidentDetail | undefined> {
  const [incident] = await db
    .select()
    .from(incidents)
    .where('id' in where ? eq(incidents.id, where.id) : eq(incidents.number, where.number));
  if (!incident) return undefined;
  const id = incident.id;

  const [ownerUser, ownerTeam, creator, watchers, policyRows, notes, attachments, links] = await Promise.all([
    incident.ownerUserId ? db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, incident.ownerUserId)) : [],
    incident.ownerTeamId ? db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, incident.ownerTeamId)) : [],
    incident.createdById ? db.select({ name: users.name }).from(users).where(eq(users.id, incident.createdById)) : [],
    db
      .select({ userId: users.id, name: users.name, email: users.email, frequency: incidentWatchers.frequency })
      .from(incidentWatchers)
      .innerJoin(users, eq(users.id, incidentWatchers.userId))
      .where(eq(incidentWatchers.incidentId, id))
      .orderBy(asc(users.name)),
    db
      .select({ id: policies.id, framework: policies.framework, reference: policies.reference, title: policies.title })
      .from(incidentPolicies)
      .innerJoin(policies, eq(policies.id, incidentPolicies.policyId))
      .where(eq(incidentPolicies.incidentId, id))
      .orderBy(asc(policies.framework), asc(policies.reference)),
    db
      .select({
        id: incidentNotes.id,
        authorId: incidentNotes.authorId,
        authorLabel: incidentNotes.authorLabel,
        body: incidentNotes.body,
        createdAt: incidentNotes.createdAt,
        editedAt: incidentNotes.editedAt,
      })
      .from(incidentNotes)
      .where(eq(incidentNotes.incidentId, id))
      .orderBy(asc(incidentNotes.createdAt)),
    db
      .select({
        id: incidentAttachments.id,
        fileName: incidentAttachments.fileName,
        contentType: incidentAttachments.contentType,
        sizeBytes: incidentAttachments.sizeBytes,
        sha256: incidentAttachments.sha256,
        uploadedAt: incidentAttachments.uploadedAt,
        uploadedByName: users.name,
      })
      .from(incidentAttachments)
      .leftJoin(users, eq(users.id, incidentAttachments.uploadedById))
      .where(eq(incidentAttachments.incidentId, id))
      .orderBy(asc(incidentAttachments.uploadedAt)),
    getLinks(db, id),
  ]);

  const owner = ownerUser[0]
    ? { type: 'user' as const, ...ownerUser[0] }
    : ownerTeam[0]
      ? { type: 'team' as const, ...ownerTeam[0] }
      : null;
  return {
    ...incident,
    owner,
    createdByName: creator[0]?.name ?? null,
    watchers,
    policies: policyRows,
    notes,
    attachments,
    links,
  };
}

const RELATION: Record<IncidentLinkKind, [fromSide: string, toSide: string]> = {
  related: ['related to', 'related to'],
  duplicate_of: ['duplicate of', 'duplicated by'],
  parent_of: ['parent of', 'child of'],
};

/** Links seen from one incident: each link shows on both sides, worded for each. */
export async function getLinks(db: DbOrTx, incidentId: string): Promise<IncidentLinkView[]> {
  const rows = await db
    .select()
    .from(incidentLinks)
    .where(or(eq(incidentLinks.fromIncidentId, incidentId), eq(incidentLinks.toIncidentId, incidentId)));
  if (!rows.length) return [];
  const otherIds = rows.map((r) => (r.fromIncidentId === incidentId ? r.toIncidentId : r.fromIncidentId));
  const others = await db
    .select({ id: incidents.id, number: incidents.number, title: incidents.title, state: incidents.state })
    .from(incidents)
    .where(and(inArray(incidents.id, otherIds)));
  const byId = new Map(others.map((o) => [o.id, o]));
  return rows
    .map((row) => {
      const outgoing = row.fromIncidentId === incidentId;
      const other = byId.get(outgoing ? row.toIncidentId : row.fromIncidentId)!;
      return { id: row.id, kind: row.kind, relation: RELATION[row.kind][outgoing ? 0 : 1], number: other.number, title: other.title, state: other.state };
    })
    .sort((a, b) => a.number - b.number);
}
