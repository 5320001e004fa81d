import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { eventsSearchUrl } from '@/lib/events/search-url';
import type { ReviewEvidence } from '@/lib/schedules/get-review-evidence';
import { reviewEvidenceWords } from '@/lib/schedules/review-evidence-words';
import { formatDateTime } from '@/lib/time/format';

/**
 * What the schedule's query matched over the period this review covers, as recorded when the
 * task was generated: enough for an examiner to re-run the search and compare the hash.
 */
export function ReviewEvidenceSection({
  evidence,
  timeZone,
}: {
  evidence: ReviewEvidence;
  timeZone: string;
}) {
  const searchUrl = eventsSearchUrl({
    query: evidence.query,
    from: evidence.windowFrom,
    to: evidence.windowTo,
  });
  return (
    <Card title="Review evidence">
      <div id="review-evidence" className="space-y-3 text-sm">
        <p className="font-medium text-slate-900" data-testid="review-evidence-summary">
          {reviewEvidenceWords(evidence)}
        </p>
        {evidence.error && (
          <Alert tone="error">
            <p className="font-semibold">The query could not run when this task was created</p>
            <p className="break-words">{evidence.error}</p>
            <p>Fix the schedule&apos;s query; the next period will record its evidence.</p>
          </Alert>
        )}
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
          <dt className="text-slate-500">Query</dt>
          <dd className="break-all font-mono text-xs">{evidence.query}</dd>
          {evidence.idsSha256 && (
            <>
              <dt className="text-slate-500">SHA-256</dt>
              <dd className="break-all font-mono text-xs" data-testid="review-evidence-sha256">
                {evidence.idsSha256}
              </dd>
            </>
          )}
          <dt className="text-slate-500">Recorded</dt>
          <dd>{formatDateTime(evidence.recordedAt, timeZone)}</dd>
        </dl>
        <p>
          <Link href={searchUrl} className="text-brand-700 underline">
            Open these events on the Events page
          </Link>
        </p>
        <p className="text-xs text-slate-500">
          The hash is SHA-256 over the matched events&apos; ids, ascending, one per line. Running
          the same search again gives the same hash while those events are kept.
        </p>
      </div>
    </Card>
  );
}
