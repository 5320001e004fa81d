'use client';

import { useState, useTransition } from 'react';
import { setTriggerActiveAction } from '@/app/(app)/triggers/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/action-result';

/** Pause and Resume, for Power Users and Administrators. */
export function TriggerActions({
  triggerId,
  version,
  active,
}: {
  triggerId: string;
  version: number;
  active: boolean;
}) {
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-3">
      {result &&
        (result.ok ? (
          result.message && <Alert tone="success">{result.message}</Alert>
        ) : (
          <Alert tone="error">{result.error}</Alert>
        ))}
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () =>
            setResult(await setTriggerActiveAction(triggerId, version, !active)),
          )
        }
      >
        {active ? 'Pause' : 'Resume'}
      </Button>
      <p className="text-xs text-slate-500">
        A paused trigger evaluates nothing; resuming counts from that minute on, not the time it was
        paused.
      </p>
    </div>
  );
}
