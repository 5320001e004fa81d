import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { CatalogueEntry } from '@/db/seed/catalogue/entry';
import { POLICY_CATALOGUE } from '@/db/seed/policy-catalogue';

export type CatalogueSyncResult = {
  /** Catalogue statements the database did not have. */
  inserted: number;
  /** Catalogue rows whose shipped title, statement or link changed: each got a new version. */
  revised: number;
  /** Catalogue rows that only had a missing parent or link filled in (no new version). */
  filled: number;
};

// Two processes revising the same row would both pick its next version number.
const CATALOGUE_LOCK = 7_266_130_004;

export const CATALOGUE_REVISION_NOTE = 'Revised with the catalogue shipped in this release.';

/**
 * Brings the catalogue statements in `policies` in line with the shipped catalogue, in one
 * statement: missing (framework, reference) pairs are inserted (the insert trigger writes
 * their version 1); a catalogue row whose title, statement or link differs gets a new
 * policy_versions row and its current_version bumped, so what was attached at the old version
 * still reads as it was; a missing parent_reference or an empty link is filled in place
 * (rows from before the catalogue had them). Custom policies are never touched, nor is a
 * row's id, so incidents, tasks and schedules that point at it keep pointing at it.
 * Idempotent: a second run changes nothing. Run after migrations and by the seed.
 */
export async function syncCatalogue(
  db: DbOrTx,
  catalogue: readonly CatalogueEntry[] = POLICY_CATALOGUE,
): Promise<CatalogueSyncResult> {
  if (!catalogue.length) return { inserted: 0, revised: 0, filled: 0 };
  // One parameter, not six per row: the catalogue's ~700 rows as one JSON array.
  const shippedJson = JSON.stringify(
    catalogue.map((c) => ({
      framework: c.framework,
      reference: c.reference,
      parent_reference: c.parentReference,
      title: c.title,
      statement: c.statement,
      url: c.url,
    })),
  );
  // The CTEs share one snapshot: `inserted` rows are invisible to `matched`, so a new row is
  // never revised in the run that inserts it, and each existing row is updated once.
  const [result] = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CATALOGUE_LOCK})`);
    return tx.execute<CatalogueSyncResult>(sql`
    with shipped (framework, reference, parent_reference, title, statement, url) as (
      select distinct on (lower(v.framework), lower(v.reference))
        v.framework, v.reference, v.parent_reference, v.title, v.statement, v.url
      from jsonb_to_recordset(${shippedJson}::jsonb) as v (
        framework text, reference text, parent_reference text, title text, statement text, url text
      )
      order by lower(v.framework), lower(v.reference)
    ),
    inserted as (
      insert into policies (framework, reference, parent_reference, title, statement, url)
      select framework, reference, parent_reference, title, statement, url from shipped
      on conflict do nothing
      returning id
    ),
    matched as (
      select p.id, s.title, s.statement, s.url, s.parent_reference,
        (p.title, p.statement) is distinct from (s.title, s.statement)
          or (p.url <> '' and p.url <> s.url) as changed,
        p.current_version + 1 as next_version
      from policies p
      join shipped s on lower(p.framework) = lower(s.framework)
        and lower(p.reference) = lower(s.reference)
      where not p.custom
        and ((p.title, p.statement) is distinct from (s.title, s.statement)
          or p.url <> s.url
          or (p.parent_reference is null and s.parent_reference is not null))
    ),
    versions as (
      insert into policy_versions (policy_id, version, title, statement, url, review_interval_months, change_note)
      select m.id, m.next_version, m.title, m.statement, m.url, p.review_interval_months,
        ${CATALOGUE_REVISION_NOTE}
      from matched m join policies p on p.id = m.id
      where m.changed
      returning policy_id
    ),
    updated as (
      update policies p set
        title = m.title,
        statement = m.statement,
        url = m.url,
        parent_reference = coalesce(p.parent_reference, m.parent_reference),
        current_version = case when m.changed then m.next_version else p.current_version end,
        version = case when m.changed then p.version + 1 else p.version end,
        updated_at = case when m.changed then now() else p.updated_at end
      from matched m
      where p.id = m.id
      returning m.changed
    )
    select
      (select count(*) from inserted)::int as inserted,
      (select count(*) from versions)::int as revised,
      (select count(*) from updated where not changed)::int as filled
  `);
  });
  return { inserted: result.inserted, revised: result.revised, filled: result.filled };
}
