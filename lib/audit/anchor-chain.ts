import { ForbiddenError } from '@/lib/errors';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activityChain, activityLog, users } from '@/db/schema';
import { AUDIT_ANCHOR_REASON } from '@/emails/audit-anchor';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import type { EmailPayload } from '@/lib/email/deliver-email';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { verifyActivityChain } from './verify-chain';

// The daily anchor: the chain's head, written to the log output, mailed to every active
// administrator and recorded in the log itself. Outside the database, those copies are what
// make even a superuser's rewrite detectable: a log rewritten with every later link
// recomputed verifies, but the head mailed that day is no longer in it.

export const AUDIT_ANCHORED = 'audit.anchored';
const ANCHOR_LOCK = 7_266_130_014;

export type AnchorResult =
  | { anchored: false; day: string }
  | {
      anchored: true;
      day: string;
      headSeq: number | null;
      headHash: string | null;
      rows: number;
      broken: string | null;
      recipients: number;
    };

/**
 * Anchors the UTC day of `now` once: the day is the business key (a retried or doubled run
 * finds that day's activity row and does nothing). The whole chain is verified first, so the
 * mail also says whether the log is still intact.
 */
export async function anchorActivityChain(db: Db, actor: Actor, now: Date): Promise<AnchorResult> {
  // The worker's daily job writes the anchor; a person could only add noise to the record.
  if (actor.kind !== 'system')
    throw new ForbiddenError('Only the daily job anchors the audit chain.');
  const day = now.toISOString().slice(0, 10);
  if (await anchoredAlready(db, day)) return { anchored: false, day };
  // Outside the transaction: a long walk must not hold a lock, and it reads committed links.
  const verdict = await verifyActivityChain(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ANCHOR_LOCK})`);
    if (await anchoredAlready(tx, day)) return { anchored: false, day };
    const [head] = await tx
      .select({ seq: activityChain.seq, hash: activityChain.hash })
      .from(activityChain)
      .orderBy(sql`${activityChain.seq} desc`)
      .limit(1);
    const broken = verdict.ok
      ? null
      : `activity row ${verdict.brokenAt.id} (${verdict.brokenAt.reason})`;
    const admins = await tx
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true)))
      .orderBy(asc(users.createdAt));
    const props = {
      day,
      headHash: head?.hash ?? null,
      headSeq: head?.seq ?? null,
      rows: verdict.rows,
      broken,
      reason: AUDIT_ANCHOR_REASON,
    };
    await enqueueOutbox(
      tx,
      ...admins.map((admin) => {
        const payload: EmailPayload = {
          template: 'audit-anchor',
          to: admin.email,
          props,
          appPath: '/dashboard',
        };
        return { kind: 'email' as const, topic: 'audit-anchor', payload };
      }),
    );
    await recordActivity(tx, actor, {
      action: AUDIT_ANCHORED,
      entityType: 'audit-chain',
      entityId: day,
      changes: {
        headHash: { old: null, new: props.headHash },
        headSeq: { old: null, new: props.headSeq },
        verified: { old: null, new: broken ?? `${verdict.rows} rows` },
        mailedTo: { old: null, new: admins.length },
      },
    });
    return {
      anchored: true,
      day,
      headSeq: props.headSeq,
      headHash: props.headHash,
      rows: verdict.rows,
      broken,
      recipients: admins.length,
    };
  });
}

async function anchoredAlready(db: Pick<Db, 'select'>, day: string): Promise<boolean> {
  const rows = await db
    .select({ id: activityLog.id })
    .from(activityLog)
    .where(
      and(
        eq(activityLog.action, AUDIT_ANCHORED),
        eq(activityLog.entityType, 'audit-chain'),
        eq(activityLog.entityId, day),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
