import Link from 'next/link';
import { Card } from '@/components/ui/card';
import type { PolicyRateWindow } from '@/lib/policies/get-policy-rates';
import { PERIOD_STATUS_LABELS, PERIOD_STATUSES } from '@/lib/schedules/task-outcome';

function percent(rate: number | null): string {
  return rate === null ? 'nothing due yet' : `${Math.round(rate * 100)} %`;
}

/** The on-time rate of the policy's schedules, with the counts it comes from. */
export function PolicyRates({
  rates,
  reportHref,
}: {
  rates: PolicyRateWindow[];
  reportHref: string;
}) {
  return (
    <Card title="On time">
      <p className="mb-3 text-sm text-slate-600">
        Periods of the schedules mapped to this policy done on time, among those due (late, overdue
        and missed count against it; invalid and still-open ones neither way).
      </p>
      <table className="w-full text-sm">
        <caption className="sr-only">Periods of this policy&apos;s schedules by status</caption>
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th scope="col" className="py-1 font-medium">
              Status
            </th>
            {rates.map((r) => (
              <th key={r.label} scope="col" className="py-1 text-right font-medium">
                {r.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          <tr>
            <th scope="row" className="py-1 text-left font-semibold">
              On-time rate
            </th>
            {rates.map((r) => (
              <td key={r.label} className="py-1 text-right font-semibold">
                {percent(r.rate)}
              </td>
            ))}
          </tr>
          {PERIOD_STATUSES.map((status) => (
            <tr key={status}>
              <th scope="row" className="py-1 text-left font-normal">
                {PERIOD_STATUS_LABELS[status]}
              </th>
              {rates.map((r) => (
                <td key={r.label} className="py-1 text-right tabular-nums">
                  {r.counts[status]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-sm">
        <Link href={reportHref} className="text-brand-700 underline">
          Compliance report for this policy
        </Link>
      </p>
    </Card>
  );
}
