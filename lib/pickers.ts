import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { policies, teams, users } from '@/db/schema';
import { canOwn } from '@/lib/owners/owner';

type Person = { id: string; name: string; email: string };

export type PickerOptions = {
  /** Who may watch: every active person, read-only ones included. */
  people: Person[];
  /** Who may own: active people who can work items (lib/owners/owner.ts canOwn). */
  owners: Person[];
  teams: { id: string; name: string }[];
  /** Active policies: what a picker offers. */
  policies: { id: string; label: string }[];
  /** Retired ones, never offered, only shown where an item is already attached to them. */
  retiredPolicies: { id: string; label: string }[];
};

function policyOption(p: { id: string; framework: string; reference: string; title: string }) {
  return { id: p.id, label: `${p.framework} ${p.reference} — ${p.title}` };
}

/** What owner, watcher and policy pickers offer: active people, every team, active policies (and the retired, to label them where still attached). */
export async function getPickerOptions(db: DbOrTx): Promise<PickerOptions> {
  const [people, teamRows, policyRows] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        active: users.active,
      })
      .from(users)
      .where(eq(users.active, true))
      .orderBy(asc(users.name)),
    db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)),
    db
      .select({
        id: policies.id,
        framework: policies.framework,
        reference: policies.reference,
        title: policies.title,
        active: policies.active,
      })
      .from(policies)
      .orderBy(asc(policies.framework), asc(policies.reference)),
  ]);
  const person = ({ id, name, email }: Person): Person => ({ id, name, email });
  return {
    people: people.map(person),
    owners: people.filter(canOwn).map(person),
    teams: teamRows,
    policies: policyRows.filter((p) => p.active).map(policyOption),
    retiredPolicies: policyRows
      .filter((p) => !p.active)
      .map((p) => ({ ...policyOption(p), label: `${policyOption(p).label} (retired)` })),
  };
}
