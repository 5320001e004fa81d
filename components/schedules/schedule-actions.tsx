'use client';

import { generateNowAction, setActiveAction } from '@/app/(app)/schedules/actions';
import { ActionResultAlert } from '@/components/ui/action-result-alert';
import { Button } from '@/components/ui/button';
import { useActionRunner } from '@/components/ui/use-action-runner';

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
  const { result, pending, run } = useActionRunner();
  return (
    <div className="space-y-3">
      <ActionResultAlert result={result} />
      <div className="flex flex-wrap gap-2">
        <Button disabled={pending} onClick={() => run(() => generateNowAction(scheduleId))}>
          Generate now
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => run(() => setActiveAction(scheduleId, version, !active))}
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
