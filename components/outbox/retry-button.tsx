'use client';

import { useActionState } from 'react';
import { retryOutboxAction } from '@/app/(app)/settings/outbox/actions';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/action-result';

export function RetryButton({ id }: { id: number }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(
    retryOutboxAction,
    null,
  );
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Retry
      </Button>
      {state && !state.ok && (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      )}
    </form>
  );
}
