// How an owner reads wherever Vigil prints one (forms, lists, detail pages, emails, CSVs):
// a person by name, a team by name marked as a team, nobody as "Unassigned". Pure, so client
// components can import it; owner-label-sql.ts builds the same text inside a query.

export type NamedOwner = { type: 'user' | 'team'; name: string };

export const UNASSIGNED = 'Unassigned';
export const TEAM_SUFFIX = ' (team)';

export function teamLabel(name: string): string {
  return `${name}${TEAM_SUFFIX}`;
}

export function ownerLabel(owner: NamedOwner | null | undefined): string {
  if (!owner) return UNASSIGNED;
  return owner.type === 'team' ? teamLabel(owner.name) : owner.name;
}

/** For list rows that carry the owner's name and whether a team owns it. */
export function rowOwnerLabel(row: {
  ownerName: string | null;
  ownerTeamId: string | null;
}): string {
  return ownerLabel(
    row.ownerName ? { type: row.ownerTeamId ? 'team' : 'user', name: row.ownerName } : null,
  );
}
