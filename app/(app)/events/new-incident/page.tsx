import type { Metadata } from 'next';
import Link from 'next/link';
import { IncidentForm } from '@/components/incidents/incident-form';
import { Alert } from '@/components/ui/alert';
import { FormPage } from '@/components/ui/form-page';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { ValidationError } from '@/lib/errors';
import { checkEventQuery } from '@/lib/events/query/check';
import { eventSelectionFromForm, eventSelectionSchema } from '@/lib/events/selection';
import { eventsSearchUrl } from '@/lib/events/search-url';
import { getEventStore } from '@/lib/events/store';
import { prefillDescription, prefillFromEvents } from '@/lib/incidents/event-evidence';
import { getPickerOptions } from '@/lib/pickers';
import { parseInput } from '@/lib/validation';
import { createIncidentFromEventsAction } from '../actions';

export const metadata: Metadata = { title: 'New incident from events' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const TITLE_LIMIT = 120;

function toUrlSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(raw))
    for (const v of [value ?? []].flat()) out.append(key, v);
  return out;
}

function suggestedTitle(count: number, query: string, hosts: string[]): string {
  const what = query ? `matching ${query}` : 'selected';
  const where = hosts.length
    ? ` on ${hosts.slice(0, 3).join(', ')}${hosts.length > 3 ? '…' : ''}`
    : '';
  const title = `${count} event${count === 1 ? '' : 's'} ${what}${where}`;
  return title.length > TITLE_LIMIT ? `${title.slice(0, TITLE_LIMIT - 1)}…` : title;
}

// "Create incident" on the Events page lands here: the usual incident form, pre-filled with who
// (hosts and addresses), what (the query and how many events) and when (first and last time).
export default async function NewIncidentFromEventsPage({
  searchParams,
}: {
  searchParams: SearchParams;
}) {
  const { user } = await requirePermission('tickets.work');
  const url = toUrlSearchParams(await searchParams);
  let selection;
  try {
    selection = parseInput(eventSelectionSchema, eventSelectionFromForm(url));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return (
      <FormPage title="New incident from events">
        <Alert tone="error">
          {Object.values(error.fieldErrors)[0] ?? error.message}{' '}
          <Link href="/events" className="font-medium underline">
            Back to Events
          </Link>
        </Alert>
      </FormPage>
    );
  }
  const db = getDb();
  const store = getEventStore(db);
  const checked = checkEventQuery(selection.search.query);
  const range = { from: selection.search.from, to: selection.search.to };
  const [events, options, matched] = await Promise.all([
    store.getByIds(selection.eventIds),
    getPickerOptions(db),
    // How many the search matched, for "what": the same search, counted again.
    checked.ok ? store.search({ query: checked.query, range, limit: 1 }) : null,
  ]);
  const prefill = prefillFromEvents(
    events,
    selection.search,
    matched?.count ?? events.length,
    user.timeZone,
  );
  const hosts = [...new Set(events.map((e) => e.hostname).filter(Boolean))] as string[];
  const missing = selection.eventIds.length - events.length;
  const action = createIncidentFromEventsAction.bind(null, {
    eventIds: events.map((e) => e.id),
    search: {
      query: selection.search.query,
      from: selection.search.from.toISOString(),
      to: selection.search.to.toISOString(),
    },
  });
  return (
    <FormPage
      title="New incident from events"
      description={
        <>
          The {events.length} selected event{events.length === 1 ? '' : 's'} are copied into the
          incident as evidence, with a link back to{' '}
          <Link href={eventsSearchUrl(selection.search)} className="underline">
            the search
          </Link>
          ; retention never removes them from it.
        </>
      }
    >
      {missing > 0 && (
        <div className="mb-4">
          <Alert tone="warning">
            {missing} of the selected events are no longer kept (past retention) and are left out.
          </Alert>
        </div>
      )}
      <IncidentForm
        action={action}
        options={options}
        timeZone={user.timeZone}
        submitLabel="Create incident"
        values={{
          title: suggestedTitle(events.length, selection.search.query, hosts),
          owner: '',
          severity: 'none',
          dueAt: '',
          description: prefillDescription(prefill),
          watchers: [],
          policyIds: [],
        }}
      />
    </FormPage>
  );
}
