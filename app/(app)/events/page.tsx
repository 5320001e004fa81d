import type { Metadata } from 'next';
import { EventHistogram } from '@/components/events/event-histogram';
import { EventSearchForm } from '@/components/events/event-search-form';
import { EventSelectionBar } from '@/components/events/event-selection-bar';
import { EventTable } from '@/components/events/event-table';
import { QuerySyntaxProblem, QueryWarnings } from '@/components/events/query-problem';
import { QuerySyntaxHelp } from '@/components/events/query-syntax-help';
import { Alert } from '@/components/ui/alert';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { getDb } from '@/db/client';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { ValidationError } from '@/lib/errors';
import { checkEventQueryFields } from '@/lib/events/query/check';
import { SearchTimeLimitError } from '@/lib/events/search-time-limit-error';
import { EventQuerySyntaxError } from '@/lib/events/query/parse';
import { eventPageLinks } from '@/lib/events/page-links';
import { refineQuery } from '@/lib/events/refine-query';
import {
  DEFAULT_RANGE,
  parseEventSearchParams,
  RANGE_PRESETS,
  serializeEventSearchParams,
  type EventSearchParams,
} from '@/lib/events/search-params';
import { getEventStore } from '@/lib/events/store';
import { isoToLocalInput } from '@/lib/time/local-input';
import { addEventsToIncidentAction, incidentChoicesAction } from './actions';

export const metadata: Metadata = { title: 'Events' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const PRESETS = Object.entries(RANGE_PRESETS).map(([value, preset]) => ({
  value,
  label: preset.label,
}));
const QUERY_ERROR_ID = 'event-query-error';

function toUrlSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(raw))
    for (const v of [value ?? []].flat()) out.append(key, v);
  return out;
}

function countText(count: number, capped: boolean): string {
  const n = `${count.toLocaleString('en-US')}${capped ? '+' : ''}`;
  return `${n} matching event${count === 1 && !capped ? '' : 's'}`;
}

export default async function EventsPage({ searchParams }: { searchParams: SearchParams }) {
  const { user, actor } = await requirePermission('events.view');
  const timeZone = user.timeZone;
  const url = toUrlSearchParams(await searchParams);
  const q = url.get('q') ?? '';
  const now = new Date();

  // A search that cannot be read, or that ran out of time: the form as sent, and why.
  const problemPage = (error: ValidationError) => (
    <EventsFrame>
      <EventSearchForm
        q={q}
        preset={url.get('from') || url.get('to') ? '' : (url.get('range') ?? DEFAULT_RANGE)}
        presets={PRESETS}
        customFrom={url.get('from')?.slice(0, 16) ?? ''}
        customTo={url.get('to')?.slice(0, 16) ?? ''}
        timeZone={timeZone}
        errorId={QUERY_ERROR_ID}
        invalid={error instanceof EventQuerySyntaxError}
      />
      <QuerySyntaxHelp />
      {error instanceof EventQuerySyntaxError ? (
        <QuerySyntaxProblem
          id={QUERY_ERROR_ID}
          query={q}
          message={error.message}
          position={error.position}
        />
      ) : (
        <Alert tone="error">
          <p className="font-medium">
            {error instanceof SearchTimeLimitError
              ? 'This search took too long.'
              : 'This search cannot be read.'}
          </p>
          <ul className="mt-1 list-disc pl-5">
            {Object.entries(error.fieldErrors).map(([field, message]) => (
              <li key={field}>
                <code>{field}</code>: {message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </EventsFrame>
  );

  let params: EventSearchParams;
  try {
    params = parseEventSearchParams(url, { timeZone, now });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return problemPage(error);
  }

  const db = getDb();
  const store = getEventStore(db);
  let searched;
  try {
    searched = await Promise.all([
      store.search({
        query: params.query,
        range: params.range,
        limit: params.limit,
        cursor: params.cursor,
      }),
      store.histogram(params.query, params.range),
      checkEventQueryFields(db, params.q),
    ]);
  } catch (error) {
    // The store stops a search that runs too long (lib/events/postgres/search-time-limit.ts).
    if (!(error instanceof ValidationError)) throw error;
    return problemPage(error);
  }
  const [result, histogram, check] = searched;

  const base = serializeEventSearchParams(params);
  const { prevHref, nextHref } = eventPageLinks(base, {
    cursor: params.cursor,
    back: url.getAll('back'),
    nextCursor: result.nextCursor,
  });
  const refineHref = (field: string, value: string) => {
    const query = serializeEventSearchParams({ ...params, q: refineQuery(params.q, field, value) });
    return `/events?${query}`;
  };
  const exportQuery = base.toString();
  const matched = countText(result.count, result.countCapped);
  const canWork = can(actor, 'tickets.work');

  return (
    <EventsFrame
      actions={
        <LinkButton href={`/events/export.csv${exportQuery ? `?${exportQuery}` : ''}`} download>
          Export CSV
        </LinkButton>
      }
    >
      <EventSearchForm
        q={params.q}
        preset={params.preset ?? ''}
        presets={PRESETS}
        customFrom={isoToLocalInput(params.range.from, timeZone)}
        customTo={isoToLocalInput(params.range.to, timeZone)}
        timeZone={timeZone}
      />
      <QuerySyntaxHelp />
      {check.ok && <QueryWarnings warnings={check.warnings} />}
      <p className="text-sm text-slate-700" role="status" data-testid="event-count">
        {matched}
      </p>
      <EventHistogram
        buckets={histogram.buckets.map((b) => ({ start: b.start.toISOString(), count: b.count }))}
        bucketSeconds={histogram.bucketSeconds}
        timeZone={timeZone}
      />
      <EventTable
        events={result.data}
        timeZone={timeZone}
        refineHref={refineHref}
        caption={`Events, newest first, ${matched}, in ${timeZone} time`}
        selectable={canWork}
      />
      {/* After the table: once events are ticked it floats at the bottom of the window. */}
      {canWork && (
        <EventSelectionBar
          search={{
            q: params.q,
            from: params.range.from.toISOString(),
            to: params.range.to.toISOString(),
          }}
          addAction={addEventsToIncidentAction}
          loadChoices={incidentChoicesAction}
        />
      )}
      <Pagination prevHref={prevHref} nextHref={nextHref} label="Pages of events" />
    </EventsFrame>
  );
}

function EventsFrame({
  actions,
  children,
}: {
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <>
      <PageHeader
        title="Events"
        description="Search log events, select the suspicious ones and open an incident that keeps them."
        actions={actions}
      />
      <div className="space-y-4">{children}</div>
    </>
  );
}
