'use client';

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from 'react';

type Answer = { ok: boolean } | null;

/**
 * A form wired to a server action that keeps what the person typed when the server
 * refuses it (a field error, a 409, a failure on our side). React resets a form after a
 * `<form action>` submission, which wipes every uncontrolled field however the server
 * answered; submitting the same FormData inside a transition ourselves skips that reset,
 * so nothing is echoed back and every field, select and checkbox stays as it was.
 *
 * Password fields are emptied after every answer: a secret never lingers in the page.
 * Forms that add something (a note, a team, a token) pass `resetOnSuccess` to start
 * empty again once it is saved; edit forms keep showing what was saved.
 *
 * Spread `formProps` on the `<form>`; `action` stays for submissions before hydration.
 */
export function useKeptForm<R extends Answer>(
  action: (previous: R | null, form: FormData) => Promise<R>,
  { resetOnSuccess = false }: { resetOnSuccess?: boolean } = {},
) {
  const [result, formAction, pending] = useActionState<R | null, FormData>(action, null);
  const ref = useRef<HTMLFormElement>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The submitter carries the name and value of the button clicked (a transition).
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(data));
  };

  useEffect(() => {
    const form = ref.current;
    if (!form || !result) return;
    if (result.ok && resetOnSuccess) form.reset();
    for (const input of form.querySelectorAll<HTMLInputElement>('input[type="password"]'))
      input.value = '';
  }, [result, resetOnSuccess]);

  return { result, pending, formProps: { ref, action: formAction, onSubmit } };
}

/** The field errors of a refused answer, keyed by field name. */
export function fieldErrorsOf(
  result: { ok: boolean; fieldErrors?: Record<string, string> } | null,
): Record<string, string> {
  return result && !result.ok ? (result.fieldErrors ?? {}) : {};
}
