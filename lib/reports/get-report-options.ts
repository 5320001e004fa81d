import { asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { policies, reportRuns, schedulePolicies, taskSchedules } from '@/db/schema';

// What the report form offers: the policies some schedule is mapped to (a policy nothing is
// mapped to has nothing to report), the frameworks, the schedules' tags and groups; and the
// latest report runs, for the log beside the form.

export type ReportOptions = {
  policies: { id: string; label: string }[];
  frameworks: string[];
  tags: string[];
  groups: string[];
};

export async function getReportOptions(db: DbOrTx): Promise<ReportOptions> {
  const [policyRows, frameworkRows, tagRows, groupRows] = await Promise.all([
    db
      .selectDistinct({
        id: policies.id,
        framework: policies.framework,
        reference: policies.reference,
        title: policies.title,
      })
      .from(policies)
      .innerJoin(schedulePolicies, eq(schedulePolicies.policyId, policies.id))
      .orderBy(
        asc(policies.framework),
        asc(policies.reference),
        asc(policies.title),
        asc(policies.id),
      ),
    db
      .selectDistinct({ framework: policies.framework })
      .from(policies)
      .orderBy(asc(policies.framework)),
    db.execute<{ tag: string }>(
      sql`select distinct unnest(${taskSchedules.tags}) as tag from ${taskSchedules} order by 1`,
    ),
    db
      .selectDistinct({ group: taskSchedules.groupName })
      .from(taskSchedules)
      .where(sql`${taskSchedules.groupName} <> ''`)
      .orderBy(asc(taskSchedules.groupName)),
  ]);
  return {
    policies: policyRows.map((p) => ({
      id: p.id,
      label: `${p.framework} ${p.reference} — ${p.title}`,
    })),
    frameworks: frameworkRows.map((f) => f.framework),
    tags: [...tagRows].map((t) => t.tag),
    groups: groupRows.map((g) => g.group),
  };
}

export async function getRecentReportRuns(db: DbOrTx, limit = 20) {
  return db.select().from(reportRuns).orderBy(desc(reportRuns.generatedAt)).limit(limit);
}
