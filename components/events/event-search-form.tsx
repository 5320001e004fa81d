'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

// The query box and the time range: a plain GET form to /events, so a search is its URL (shared,
// bookmarked, the back button works) and it works before any script has loaded. A preset range
// travels as `range`; a custom one as from/to in the viewer's wall-clock time, which the page
// reads in the viewer's zone.

export type RangeChoice = { value: string; label: string };

export function EventSearchForm({
  q,
  preset,
  presets,
  customFrom,
  customTo,
  timeZone,
  errorId,
  invalid,
}: {
  q: string;
  /** The preset shown, or '' for a custom range. */
  preset: string;
  presets: RangeChoice[];
  /** The range as datetime-local values in the viewer's zone (pre-fill of the custom inputs). */
  customFrom: string;
  customTo: string;
  timeZone: string;
  /** The element that describes what is wrong with the query, if anything. */
  errorId?: string;
  invalid?: boolean;
}) {
  const [range, setRange] = useState(preset);
  return (
    <form method="get" action="/events" role="search" aria-label="Events" className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-72 flex-1 space-y-1">
          <label htmlFor="event-query" className="block text-sm font-medium text-slate-800">
            Query
          </label>
          <input
            id="event-query"
            name="q"
            type="search"
            defaultValue={q}
            spellCheck={false}
            autoComplete="off"
            placeholder="event_id:4625 AND hostname:srv*   (empty: every event)"
            aria-invalid={invalid || undefined}
            aria-describedby={[errorId, 'event-query-help'].filter(Boolean).join(' ')}
            className={`${inputClass} font-mono`}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="event-range" className="block text-sm font-medium text-slate-800">
            Time range
          </label>
          {/* The custom choice has no value: from and to carry it instead. */}
          <select
            id="event-range"
            name={range ? 'range' : undefined}
            value={range}
            onChange={(event) => setRange(event.target.value)}
            className={inputClass}
          >
            {presets.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
            <option value="">Custom…</option>
          </select>
        </div>
        {!range && (
          <>
            <div className="space-y-1">
              <label htmlFor="event-from" className="block text-sm font-medium text-slate-800">
                From
              </label>
              <input
                id="event-from"
                name="from"
                type="datetime-local"
                required
                defaultValue={customFrom}
                className={inputClass}
              />
            </div>
            <div className="space-y-1">
              <label htmlFor="event-to" className="block text-sm font-medium text-slate-800">
                To
              </label>
              <input
                id="event-to"
                name="to"
                type="datetime-local"
                required
                defaultValue={customTo}
                className={inputClass}
              />
            </div>
          </>
        )}
        <Button type="submit">Search</Button>
      </div>
      <p id="event-query-help" className="text-xs text-slate-600">
        Times are in {timeZone}. Terms separated by a space are OR&apos;ed; use AND to narrow.
      </p>
    </form>
  );
}
