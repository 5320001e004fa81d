import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { policies } from '@/db/schema';
import { ValidationError } from '@/lib/errors';
import { assertKnownParameters } from '@/lib/list/known-parameters';
import type { ComplianceReportParams } from './types';

// The compliance report's filters from a URL, shared by its page, its downloads and its API,
// so what an examiner sees and what they take away can never differ.

export const COMPLIANCE_PARAMETERS = ['from', 'to', 'policy', 'framework', 'tag', 'group'] as const;
export const MAX_REPORT_YEARS = 5;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Checks the shape of every filter; `extra` names parameters a caller adds (a sample's size). */
export function parseComplianceParams(
  searchParams: URLSearchParams,
  extra: readonly string[] = [],
): ComplianceReportParams {
  assertKnownParameters(searchParams, [...COMPLIANCE_PARAMETERS, ...extra]);
  const errors: Record<string, string> = {};
  const text = (name: string) => searchParams.get(name)?.trim() || undefined;
  const from = text('from');
  const to = text('to');
  if (!from) errors.from = 'Choose the first day of the report.';
  else if (!isCalendarDay(from)) errors.from = 'Write the date as YYYY-MM-DD.';
  if (!to) errors.to = 'Choose the last day of the report.';
  else if (!isCalendarDay(to)) errors.to = 'Write the date as YYYY-MM-DD.';
  if (from && to && !errors.from && !errors.to) {
    if (to < from) errors.to = 'The last day comes before the first.';
    else {
      const limit = new Date(`${from}T00:00:00Z`);
      limit.setUTCFullYear(limit.getUTCFullYear() + MAX_REPORT_YEARS);
      if (new Date(`${to}T00:00:00Z`) >= limit)
        errors.to = `A report covers at most ${MAX_REPORT_YEARS} years.`;
    }
  }
  const policyId = text('policy');
  if (policyId && !UUID.test(policyId)) errors.policy = 'Unknown policy.';
  if (Object.keys(errors).length) throw new ValidationError(errors, Object.values(errors)[0]);
  return {
    from: from!,
    to: to!,
    policyId,
    framework: text('framework'),
    tag: text('tag'),
    group: text('group'),
  };
}

/** Refuses a policy or framework that does not exist, instead of an empty report that looks clean. */
export async function assertComplianceFiltersExist(
  db: DbOrTx,
  params: ComplianceReportParams,
): Promise<void> {
  const errors: Record<string, string> = {};
  if (params.policyId) {
    const [found] = await db
      .select({ id: policies.id })
      .from(policies)
      .where(sql`${policies.id} = ${params.policyId}`);
    if (!found) errors.policy = 'Unknown policy.';
  }
  if (params.framework) {
    const [found] = await db
      .select({ framework: policies.framework })
      .from(policies)
      .where(sql`lower(${policies.framework}) = lower(${params.framework})`)
      .limit(1);
    if (!found) errors.framework = `Unknown framework "${params.framework}".`;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors, Object.values(errors)[0]);
}
