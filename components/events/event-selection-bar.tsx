'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Combobox, type ComboboxOption } from '@/components/ui/combobox';
import { Dialog } from '@/components/ui/dialog';
import { rowCheckboxes, useSelectedCount } from '@/components/ui/row-selection';
import type { ActionResult } from '@/lib/actions/action-result';
import { EVENT_SELECTION_FORM, EVENT_SELECTION_NAME } from './event-selection-form';

// What to do with the ticked events. The boxes live in the server-rendered table and join this
// form through their `form` attribute; "Create incident" submits it (GET) to the pre-filled
// new-incident form, "Add to incident…" asks which incident and copies them there.

type AddAction = (
  previous: unknown,
  form: FormData,
) => Promise<ActionResult<{ number: number; added: number }>>;

export function EventSelectionBar({
  search,
  addAction,
  loadChoices,
}: {
  /** The search the events were picked from, its range absolute. */
  search: { q: string; from: string; to: string };
  addAction: AddAction;
  loadChoices: () => Promise<ComboboxOption[]>;
}) {
  const ticked = useSelectedCount(EVENT_SELECTION_FORM, EVENT_SELECTION_NAME);
  const [adding, setAdding] = useState(false);
  const [choices, setChoices] = useState<ComboboxOption[] | null>(null);
  const [incident, setIncident] = useState('');
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Awaited<ReturnType<AddAction>> | null>(null);

  async function openAdd() {
    setResult(null);
    setAdding(true);
    if (!choices) setChoices(await loadChoices());
  }

  async function add() {
    const form = new FormData();
    for (const box of rowCheckboxes(EVENT_SELECTION_FORM, EVENT_SELECTION_NAME))
      if (box.checked) form.append('eventIds', box.value);
    form.set('incident', incident);
    form.set('q', search.q);
    form.set('from', search.from);
    form.set('to', search.to);
    setPending(true);
    try {
      const answer = await addAction(null, form);
      setResult(answer);
      if (answer.ok) setAdding(false);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <form
        id={EVENT_SELECTION_FORM}
        method="get"
        action="/events/new-incident"
        aria-label="Selected events"
        className={
          ticked
            ? 'sticky bottom-4 z-20 my-3 flex flex-wrap items-center gap-3 rounded-lg border border-slate-300 bg-white px-4 py-3 text-sm shadow-lg'
            : 'my-3 flex flex-wrap items-center gap-3 text-sm'
        }
      >
        <input type="hidden" name="q" value={search.q} />
        <input type="hidden" name="from" value={search.from} />
        <input type="hidden" name="to" value={search.to} />
        <p className="text-slate-700" aria-live="polite" data-testid="events-selected">
          {ticked
            ? `${ticked} event${ticked === 1 ? '' : 's'} selected`
            : 'Tick events to open an incident with them, or add them to one.'}
        </p>
        <Button type="submit" disabled={!ticked}>
          Create incident
        </Button>
        <Button variant="secondary" disabled={!ticked} onClick={openAdd}>
          Add to incident…
        </Button>
      </form>
      {result && result.ok && (
        <Alert tone="success">
          {result.message}{' '}
          <Link href={`/incidents/${result.data.number}`} className="font-medium underline">
            Open it
          </Link>
        </Alert>
      )}
      <Dialog
        isOpen={adding}
        onOpenChange={setAdding}
        title="Add the selected events to an incident"
      >
        <p className="text-sm text-slate-700">
          {ticked} event{ticked === 1 ? '' : 's'} will be copied into the incident as evidence, with
          a link back to this search. Events already on it are skipped.
        </p>
        {result && !result.ok && <Alert tone="error">{result.error}</Alert>}
        {choices ? (
          <Combobox
            name="incident"
            label="Incident"
            options={choices}
            onChange={setIncident}
            hint="Incidents you opened lately come first; type a number or words of the title."
            error={result && !result.ok ? result.fieldErrors?.incident : undefined}
          />
        ) : (
          <p className="text-sm text-slate-600" role="status">
            Loading incidents…
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setAdding(false)}>
            Cancel
          </Button>
          <Button onClick={add} disabled={!incident || pending}>
            {pending ? 'Adding…' : 'Add events'}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
