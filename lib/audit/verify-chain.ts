import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

// Walks the activity log's hash chain (db/schema/audit.ts) link by link. The canonical text of
// each row is rebuilt here with built-in functions only, and the hash is computed here, in
// Node: a database superuser who replaced the chain's SQL functions still cannot make a
// rewritten row verify. Rewriting every later link as well is caught by the daily anchor
// (jobs/anchor-audit-chain.ts): the head hash it mailed no longer appears.

export type ChainVerdict =
  | { ok: true; rows: number; headHash: string | null }
  | { ok: false; rows: number; brokenAt: { id: number; occurredAt: Date; reason: string } };

const BATCH = 5_000;

/** Must stay byte for byte what activity_log_canonical() and activity_chain_link() compute. */
export function chainLink(previousHash: string, seq: number, canonical: string): string {
  return createHash('sha256').update(`${previousHash}|${seq}|${canonical}`, 'utf8').digest('hex');
}

const canonicalOf = sql.raw(`jsonb_build_array(
    a.id,
    to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    a.actor_id, a.actor_label, a.action, a.entity_type, a.entity_id, a.changes,
    a.request_id, a.client_address
  )::text`);

type LinkRow = {
  seq: string;
  activity_id: string;
  hash: string;
  chained_ms: number;
  row_id: string | null;
  occurred_ms: number | null;
  canonical: string | null;
};

/**
 * Checks every link whose row falls in `range` (by occurred_at, both ends inclusive; the whole
 * log without one), then that no row in the range is missing from the chain.
 */
export async function verifyActivityChain(
  db: DbOrTx,
  range: { from?: Date; to?: Date } = {},
): Promise<ChainVerdict> {
  const bounds = (await db.execute(sql`
    select
      ${
        range.from
          ? sql`(select min(c.seq) from activity_chain c join activity_log a on a.id = c.activity_id
                 where a.occurred_at >= ${range.from.toISOString()}::timestamptz)`
          : sql`(select min(seq) from activity_chain)`
      }::text as first,
      ${
        range.to
          ? sql`(select max(c.seq) from activity_chain c join activity_log a on a.id = c.activity_id
                 where a.occurred_at <= ${range.to.toISOString()}::timestamptz)`
          : sql`(select max(seq) from activity_chain)`
      }::text as last`)) as unknown as { first: string | null; last: string | null }[];
  const first = bounds[0]?.first === null ? null : Number(bounds[0]?.first);
  const last = bounds[0]?.last === null ? null : Number(bounds[0]?.last);

  let rows = 0;
  let headHash: string | null = null;
  if (first !== null && last !== null && first <= last) {
    // A whole-log check starts at the genesis; a range trusts the link just before it.
    let previousHash = '';
    if (range.from && first > 1) {
      const [before] = (await db.execute(
        sql`select hash from activity_chain where seq = ${first - 1}`,
      )) as unknown as { hash: string }[];
      previousHash = before?.hash ?? '';
    }
    let expectedSeq = range.from ? first : 1;
    let after = expectedSeq - 1;
    for (;;) {
      const batch = (await db.execute(sql`
        select c.seq::text as seq, c.activity_id::text as activity_id, c.hash,
          extract(epoch from c.chained_at) * 1000 as chained_ms,
          a.id::text as row_id, extract(epoch from a.occurred_at) * 1000 as occurred_ms,
          case when a.id is null then null else ${canonicalOf} end as canonical
        from activity_chain c left join activity_log a on a.id = c.activity_id
        where c.seq > ${after} and c.seq <= ${last}
        order by c.seq
        limit ${BATCH}`)) as unknown as LinkRow[];
      if (batch.length === 0) break;
      for (const link of batch) {
        const seq = Number(link.seq);
        const id = Number(link.activity_id);
        if (seq !== expectedSeq) {
          return broken(
            rows,
            id,
            link.occurred_ms ?? link.chained_ms,
            `row missing: link${seq - expectedSeq > 1 ? 's' : ''} ${expectedSeq}${seq - expectedSeq > 1 ? `–${seq - 1}` : ''} of the chain ${seq - expectedSeq > 1 ? 'are' : 'is'} gone (rows removed with their links) before activity row ${id}`,
          );
        }
        if (link.row_id === null || link.canonical === null) {
          return broken(
            rows,
            id,
            link.chained_ms,
            `row missing: activity row ${id} (link ${seq}) was removed from the log`,
          );
        }
        const expected = chainLink(previousHash, seq, link.canonical);
        if (expected !== link.hash) {
          return broken(
            rows,
            id,
            link.occurred_ms ?? link.chained_ms,
            `content changed: activity row ${id} (link ${seq}) no longer matches the hash recorded when it was written`,
          );
        }
        rows++;
        previousHash = link.hash;
        headHash = link.hash;
        expectedSeq = seq + 1;
        after = seq;
      }
    }
  }

  // A row written with the chain's trigger disabled has no link: slipped in afterwards.
  const [stray] = (await db.execute(sql`
    select a.id::text as id, extract(epoch from a.occurred_at) * 1000 as occurred_ms
    from activity_log a
    where not exists (select 1 from activity_chain c where c.activity_id = a.id)
      ${range.from ? sql`and a.occurred_at >= ${range.from.toISOString()}::timestamptz` : sql``}
      ${range.to ? sql`and a.occurred_at <= ${range.to.toISOString()}::timestamptz` : sql``}
    order by a.id limit 1`)) as unknown as { id: string; occurred_ms: number }[];
  if (stray)
    return broken(
      rows,
      Number(stray.id),
      stray.occurred_ms,
      `inserted: activity row ${stray.id} is not in the chain (written with its trigger disabled)`,
    );

  return { ok: true, rows, headHash };
}

function broken(rows: number, id: number, atMs: number | string, reason: string): ChainVerdict {
  return { ok: false, rows, brokenAt: { id, occurredAt: new Date(Number(atMs)), reason } };
}
