'use client';

import { useState, useTransition } from 'react';
import { generateNowAction, setActiveAction } from '@/app/(app)/schedules/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/action-result';

/** "Generate now" and Pause/Resume, for Power Users and Administrators. */
export function ScheduleActions({
  scheduleId,
  version,
  active,
}: {
  scheduleId: string;
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
      <div className="flex flex-wrap gap-2">
        <Button
          disabled={pending}
          onClick={() =>
            startTransition(async () => setResult(await generateNowAction(scheduleId)))
          }
        >
          Generate now
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            startTransition(async () =>
              setResult(await setActiveAction(scheduleId, version, !active)),
            )
          }
        >
          {active ? 'Pause' : 'Resume'}
        </Button>
      </div>
      <p className="text-xs text-slate-500">
        Generate now creates this period&apos;s task unless it already exists. Pausing keeps every
        task already created.
      </p>
    </div>
  );
}
