'use client';

import { useActionState, useState } from 'react';
import { changeStateAction } from '@/app/(app)/incidents/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import type { IncidentState } from '@/db/schema';
import type { ActionResult } from '@/lib/actions/action-result';
import { INCIDENT_STATES, STATE_LABELS } from '@/lib/incidents/schemas';

export function StateForm({ incidentId, state, version }: { incidentId: string; state: IncidentState; version: number }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(changeStateAction.bind(null, incidentId), null);
  const [next, setNext] = useState<IncidentState>(state);
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="space-y-3" noValidate>
      {result && !result.ok && <Alert tone="error">{result.error}</Alert>}
      <input type="hidden" name="version" value={version} />
      <Field label="State">
        <select name="state" value={next} onChange={(e) => setNext(e.target.value as IncidentState)} className={inputClass}>
          {INCIDENT_STATES.map((s) => (
            <option key={s} value={s}>
              {STATE_LABELS[s]}
            </option>
          ))}
        </select>
      </Field>
      {next !== state && (
        <Field label={next === 'closed' ? 'Closing note (required)' : 'Note (optional)'} error={errors.note}>
          <textarea name="note" rows={3} className={inputClass} />
        </Field>
      )}
      <Button type="submit" disabled={pending || next === state}>
        {next === 'closed' ? 'Close incident' : state === 'closed' ? 'Reopen' : 'Change state'}
      </Button>
    </form>
  );
}
