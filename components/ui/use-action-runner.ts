'use client';

import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/actions/action-result';

/**
 * Runs a button's server action in a transition and keeps its latest answer, for
 * ActionResultAlert; `pending` disables the buttons while one runs.
 */
export function useActionRunner() {
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => setResult(await action()));
  return { result, pending, run };
}
