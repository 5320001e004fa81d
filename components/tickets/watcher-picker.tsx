'use client';

import { useState } from 'react';
import { MultiCombobox } from '@/components/ui/combobox';
import type { PickerOptions } from '@/lib/pickers';

type Frequency = 'all' | 'opened_closed';
type Watcher = { userId: string; frequency: Frequency };

/**
 * Who watches, filtered by typing, and for each one how often they hear about it. Submits
 * what the actions parse: `watchersPresent`, a `watcher` per person, `frequency-<id>`.
 */
export function WatcherPicker({
  people,
  initial = [],
  error,
}: {
  people: PickerOptions['people'];
  initial?: Watcher[];
  error?: string;
}) {
  const [watching, setWatching] = useState(
    () => new Map(initial.map((w) => [w.userId, w.frequency])),
  );
  const names = new Map(people.map((p) => [p.id, p.name]));
  const choose = (ids: string[]) =>
    setWatching((current) => new Map(ids.map((id) => [id, current.get(id) ?? 'all'])));
  return (
    <div className="space-y-2">
      <input type="hidden" name="watchersPresent" value="1" />
      <MultiCombobox
        label="Watchers"
        options={people.map((p) => ({ id: p.id, label: p.name, description: p.email }))}
        value={[...watching.keys()]}
        onChange={choose}
        error={error}
        placeholder="Type a name to add a watcher"
      />
      {watching.size > 0 && (
        <ul aria-label="Chosen watchers" className="space-y-1">
          {[...watching].map(([userId, frequency]) => {
            const name = names.get(userId) ?? 'Unknown person';
            return (
              <li
                key={userId}
                className="flex flex-wrap items-center justify-between gap-2 text-sm"
              >
                <input type="hidden" name="watcher" value={userId} />
                <span>{name}</span>
                <span className="flex items-center gap-2">
                  <select
                    name={`frequency-${userId}`}
                    aria-label={`How often ${name} is notified`}
                    value={frequency}
                    onChange={(e) =>
                      setWatching((m) => new Map(m).set(userId, e.target.value as Frequency))
                    }
                    className="rounded border border-slate-300 px-1.5 py-0.5 text-xs"
                  >
                    <option value="all">All notifications</option>
                    <option value="opened_closed">Only when opened and closed</option>
                  </select>
                  <button
                    type="button"
                    aria-label={`Remove ${name}`}
                    onClick={() =>
                      setWatching((m) => new Map([...m].filter(([id]) => id !== userId)))
                    }
                    className="text-xs text-slate-500 underline hover:text-red-700"
                  >
                    Remove
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
