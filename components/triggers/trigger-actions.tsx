'use client';

import { setTriggerActiveAction } from '@/app/(app)/triggers/actions';
import { ActionResultAlert } from '@/components/ui/action-result-alert';
import { Button } from '@/components/ui/button';
import { useActionRunner } from '@/components/ui/use-action-runner';

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
  const { result, pending, run } = useActionRunner();
  return (
    <div className="space-y-3">
      <ActionResultAlert result={result} />
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() => run(() => setTriggerActiveAction(triggerId, version, !active))}
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
