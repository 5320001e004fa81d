'use client';

import { useActionState, useState } from 'react';
import { changeTaskStateAction } from '@/app/(app)/tasks/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import type { TaskState } from '@/db/schema';
import type { ActionResult } from '@/lib/actions/action-result';
import { TASK_STATE_LABELS, TASK_STATES } from '@/lib/tasks/schemas';

/** Close (findings), mark invalid (reason) or reopen (optional note). */
export function TaskStateForm({ taskId, state, version }: { taskId: string; state: TaskState; version: number }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(changeTaskStateAction.bind(null, taskId), null);
  const [next, setNext] = useState<TaskState>(state === 'open' ? 'closed' : 'open');
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="space-y-3" noValidate>
      {result && !result.ok && <Alert tone="error">{result.error}</Alert>}
      <input type="hidden" name="version" value={version} />
      <Field label="Move to">
        <select name="state" value={next} onChange={(e) => setNext(e.target.value as TaskState)} className={inputClass}>
          {TASK_STATES.filter((s) => s !== state).map((s) => (
            <option key={s} value={s}>
              {s === 'open' ? 'Open (reopen)' : TASK_STATE_LABELS[s]}
            </option>
          ))}
        </select>
      </Field>
      {next === 'closed' && (
        <Field label="Findings (required)" error={errors.findings} hint="What was reviewed and what was found.">
          <textarea name="findings" rows={5} className={inputClass} />
        </Field>
      )}
      {next === 'invalid' && (
        <Field label="Reason (required)" error={errors.reason} hint="Why this task does not apply.">
          <textarea name="reason" rows={3} className={inputClass} />
        </Field>
      )}
      {next === 'open' && (
        <Field label="Why reopen (optional)" error={errors.note}>
          <textarea name="note" rows={3} className={inputClass} />
        </Field>
      )}
      <Button type="submit" disabled={pending}>
        {next === 'closed' ? 'Close task' : next === 'invalid' ? 'Mark invalid' : 'Reopen'}
      </Button>
    </form>
  );
}
