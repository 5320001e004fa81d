'use client';

import { useState } from 'react';
import type { PickerOptions } from '@/lib/pickers';

type Watcher = { userId: string; frequency: 'all' | 'opened_closed' };

/** A checkbox per person, and for each one watching, how often they hear about it. */
export function WatcherPicker({ people, initial = [], error }: { people: PickerOptions['people']; initial?: Watcher[]; error?: string }) {
  const [watching, setWatching] = useState(() => new Map(initial.map((w) => [w.userId, w.frequency])));
  const toggle = (userId: string, on: boolean) =>
    setWatching((current) => {
      const next = new Map(current);
      if (on) next.set(userId, 'all');
      else next.delete(userId);
      return next;
    });
  return (
    <fieldset>
      <legend className="block text-sm font-medium text-slate-800">Watchers</legend>
      <input type="hidden" name="watchersPresent" value="1" />
      <div className="mt-1 max-h-56 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
        {people.map((person) => {
          const frequency = watching.get(person.id);
          return (
            <div key={person.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <label className="flex items-center gap-2">
                <input type="checkbox" name="watcher" value={person.id} checked={!!frequency} onChange={(e) => toggle(person.id, e.target.checked)} />
                {person.name}
              </label>
              {frequency && (
                <select
                  name={`frequency-${person.id}`}
                  aria-label={`How often ${person.name} is notified`}
                  value={frequency}
                  onChange={(e) => setWatching((m) => new Map(m).set(person.id, e.target.value as Watcher['frequency']))}
                  className="rounded border border-slate-300 px-1.5 py-0.5 text-xs"
                >
                  <option value="all">All notifications</option>
                  <option value="opened_closed">Only when opened and closed</option>
                </select>
              )}
            </div>
          );
        })}
      </div>
      {error && (
        <p className="mt-1 text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
