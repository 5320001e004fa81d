import { DataTable, type Column } from '@/components/ui/data-table';
import type { StoredEvent } from '@/lib/events/types';
import { EventFields, FieldValueLink, type RefineHref } from './event-fields';
import { EVENT_SELECTION_FORM, EVENT_SELECTION_NAME } from './event-selection-form';
import { formatEventTime } from './event-time';

// The matches, newest first. The message opens in place to every field of the event; host,
// app and event id are links that narrow the search, as every value inside is.

function columns(timeZone: string, refineHref: RefineHref): Column<StoredEvent>[] {
  type Refinable = 'hostname' | 'app_name' | 'event_id' | 'user' | 'source_ip';
  function refinable(field: Refinable) {
    return function RefinableCell(event: StoredEvent) {
      const value = event[field];
      return value ? (
        <FieldValueLink field={field} value={value} refineHref={refineHref} />
      ) : (
        <span className="text-slate-500">—</span>
      );
    };
  }
  return [
    {
      key: 'time',
      header: 'Time',
      nowrap: true,
      cell: (event) => (
        <time dateTime={event.occurredAt.toISOString()}>
          {formatEventTime(event.occurredAt, timeZone)}
        </time>
      ),
    },
    { key: 'hostname', header: 'Host', nowrap: true, cell: refinable('hostname') },
    {
      key: 'app_name',
      header: 'App',
      hideBelow: '2xl',
      fold: true,
      className: 'max-w-56',
      cell: refinable('app_name'),
    },
    { key: 'event_id', header: 'Event ID', nowrap: true, cell: refinable('event_id') },
    {
      key: 'user',
      header: 'User',
      hideBelow: 'xl',
      fold: true,
      nowrap: true,
      cell: refinable('user'),
    },
    {
      key: 'source_ip',
      header: 'Source IP',
      hideBelow: 'xl',
      fold: true,
      nowrap: true,
      cell: refinable('source_ip'),
    },
    {
      key: 'message',
      header: 'Message',
      primary: true,
      unclamped: true,
      cell: (event) => (
        <details>
          <summary className="cursor-pointer">
            <span className="line-clamp-2 inline">{event.message || '(no message)'}</span>
            <span className="sr-only">, show all fields</span>
          </summary>
          <EventFields event={event} timeZone={timeZone} refineHref={refineHref} />
        </details>
      ),
    },
  ];
}

export function EventTable({
  events,
  timeZone,
  refineHref,
  caption,
  selectable,
}: {
  events: StoredEvent[];
  timeZone: string;
  refineHref: RefineHref;
  caption: string;
  selectable: boolean;
}) {
  return (
    <DataTable
      caption={caption}
      label="Events"
      columns={columns(timeZone, refineHref)}
      rows={events}
      rowKey={(event) => event.id}
      empty="No events match this query in this time range."
      selection={
        selectable
          ? {
              formId: EVENT_SELECTION_FORM,
              name: EVENT_SELECTION_NAME,
              value: (event) => event.id,
              label: (event) =>
                `Select the event of ${formatEventTime(event.occurredAt, timeZone)}${event.hostname ? ` on ${event.hostname}` : ''}`,
              selectAllLabel: 'Select every event on this page',
            }
          : undefined
      }
    />
  );
}
