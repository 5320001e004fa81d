import Link from 'next/link';
import { COMMON_FIELDS } from '@/lib/events/fields';
import { fieldClause, isQueryableFieldName } from '@/lib/events/refine-query';
import type { StoredEvent } from '@/lib/events/types';
import { formatEventTime } from './event-time';

// An event's every field, the common ones first: each value is a link that adds
// `field:value` to the query (AND'ed) and searches again.

export type RefineHref = (field: string, value: string) => string;

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A value that narrows the search when clicked; plain text when it cannot be queried. */
export function FieldValueLink({
  field,
  value,
  refineHref,
  wrap = 'break-words',
  className = '',
}: {
  field: string;
  value: string;
  refineHref: RefineHref;
  /** In a table column, long words break only when they must (the column keeps its width). */
  wrap?: 'break-words' | 'wrap-anywhere';
  className?: string;
}) {
  if (!value || !isQueryableFieldName(field) || value.length > 500)
    return <span className={wrap}>{value}</span>;
  const clause = fieldClause(field, value);
  return (
    // The name says what a click does and holds what is seen (WCAG's label in name). Not
    // an sr-only span inside the link: its absolute box made the link's centre unclickable.
    <Link
      href={refineHref(field, value)}
      title={`Add ${clause} to the query`}
      aria-label={`Add to the query: ${field} ${value}`}
      className={`${wrap} ${className} text-brand-700 hover:underline`}
    >
      {value}
    </Link>
  );
}

export function EventFields({
  event,
  timeZone,
  refineHref,
}: {
  event: StoredEvent;
  timeZone: string;
  refineHref: RefineHref;
}) {
  const rows: [string, string][] = [
    ...COMMON_FIELDS.map((field): [string, string] => [field, event[field] ?? '']),
    ['source', event.source],
    ...Object.entries(event.fields)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([field, value]): [string, string] => [field, text(value)]),
  ];
  return (
    <dl
      className="mt-2 grid grid-cols-[minmax(8rem,max-content)_1fr] items-baseline gap-x-4 gap-y-1 text-xs"
      aria-label="All fields of this event"
    >
      <div className="contents">
        <dt className="font-mono text-slate-600">timestamp</dt>
        <dd className="text-slate-800">
          {formatEventTime(event.occurredAt, timeZone)}{' '}
          <span className="text-slate-500">({event.occurredAt.toISOString()})</span>
        </dd>
      </div>
      {rows
        .filter(([, value]) => value !== '')
        .map(([field, value]) => (
          <div key={field} className="contents">
            <dt className="font-mono text-slate-600">{field}</dt>
            <dd className="min-w-0 font-mono text-slate-800">
              <FieldValueLink
                field={field}
                value={value}
                refineHref={refineHref}
                wrap="wrap-anywhere"
                // Small text in a tight list: each link a full 24 px line, a target easy to hit.
                className="inline-block leading-6"
              />
            </dd>
          </div>
        ))}
      <div className="contents">
        <dt className="font-mono text-slate-600">id</dt>
        <dd className="font-mono text-slate-500">{event.id}</dd>
      </div>
    </dl>
  );
}
