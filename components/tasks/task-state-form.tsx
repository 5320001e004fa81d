'use client';

import { useState } from 'react';
import { changeTaskStateAction } from '@/app/(app)/tasks/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { fieldErrorsOf, useKeptForm } from '@/components/ui/use-kept-form';
import type { TaskState } from '@/db/schema';
import { TASK_TRANSITIONS, transitionsFrom, type TaskTransition } from '@/lib/tasks/schemas';

const WORDS: Record<
  TaskTransition,
  { name: 'findings' | 'reason'; label: string; hint: string; rows: number }
> = {
  close: {
    name: 'findings',
    label: 'Findings (required)',
    hint: 'What was reviewed and what was found.',
    rows: 5,
  },
  'mark-invalid': {
    name: 'reason',
    label: 'Reason (required)',
    hint: 'Why this task does not apply.',
    rows: 3,
  },
  reopen: {
    name: 'reason',
    label: 'Why reopen (required)',
    hint: 'What was missed or has changed.',
    rows: 3,
  },
};

/**
 * One button per move this state allows. Choosing one asks for its words; the button that
 * sends it carries the move itself and the state the panel was drawn for, so a click can
 * only ever do what its label says, and a panel drawn for an older state is refused. The
 * page keys this form by version: after any change it is drawn afresh.
 */
export function TaskStateForm({
  taskId,
  state,
  version,
}: {
  taskId: string;
  state: TaskState;
  version: number;
}) {
  const { result, pending, formProps } = useKeptForm(changeTaskStateAction.bind(null, taskId));
  const [chosen, setChosen] = useState<TaskTransition | null>(null);
  const errors = fieldErrorsOf(result);
  const words = chosen && WORDS[chosen];
  return (
    <form {...formProps} className="space-y-3" noValidate>
      {result && !result.ok && <Alert tone="error">{result.error}</Alert>}
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="from" value={state} />
      {!chosen && (
        <div className="flex flex-wrap gap-2">
          {transitionsFrom(state).map((transition) => (
            <Button
              key={transition}
              variant={transition === 'close' ? 'primary' : 'secondary'}
              disabled={pending}
              onClick={() => setChosen(transition)}
            >
              {TASK_TRANSITIONS[transition].label}…
            </Button>
          ))}
        </div>
      )}
      {chosen && words && (
        <>
          <Field label={words.label} error={errors[words.name]} hint={words.hint}>
            <textarea name={words.name} rows={words.rows} className={inputClass} autoFocus />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" name="transition" value={chosen} disabled={pending}>
              {TASK_TRANSITIONS[chosen].label}
            </Button>
            <Button variant="ghost" disabled={pending} onClick={() => setChosen(null)}>
              Cancel
            </Button>
          </div>
        </>
      )}
    </form>
  );
}
