'use client';

import { useState, useTransition } from 'react';
import { ActionResultAlert } from '@/components/ui/action-result-alert';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/dialog';
import type { ActionResult } from '@/lib/actions/action-result';

type FeedState = { created: string; lastFetched: string | null };

/**
 * The "Calendar feed" section of the profile and schedule pages: whether a secret feed URL
 * exists, the URL itself once (right after it is made: only its hash is kept), and the
 * buttons to make a new one or revoke it.
 */
export function CalendarFeedSection({
  live,
  canManage,
  create,
  revoke,
}: {
  live: FeedState | null;
  canManage: boolean;
  create: () => Promise<ActionResult<{ url: string }>>;
  revoke: () => Promise<ActionResult>;
}) {
  const [result, setResult] = useState<ActionResult<{ url: string } | undefined> | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<ActionResult<{ url: string } | undefined>>) =>
    startTransition(async () => setResult(await action()));
  // The URL is shown only while the feed it belongs to is still the live one.
  const url = result?.ok && result.data && live ? result.data.url : null;

  return (
    <div className="space-y-3 text-sm" data-testid="calendar-feed">
      {url && (
        <Alert tone="success">
          Copy this address into your calendar (“Subscribe to calendar”, “From URL”) now; it is not
          shown again:{' '}
          <code
            data-testid="calendar-feed-url"
            className="break-all rounded bg-white px-1.5 py-0.5 font-mono"
          >
            {url}
          </code>
        </Alert>
      )}
      {!url && <ActionResultAlert result={result} />}
      <p className="text-slate-600" data-testid="calendar-feed-state">
        {live
          ? `A feed address exists, made ${live.created}; ${live.lastFetched ? `last read by a calendar ${live.lastFetched}` : 'no calendar has read it yet'}.`
          : 'No feed address exists.'}
      </p>
      {canManage && (
        <div className="flex flex-wrap gap-2">
          {live ? (
            <>
              <ConfirmButton
                title="Make a new feed address?"
                message="The current address stops working at once: calendars subscribed to it need the new one."
                confirmLabel="Make a new address"
                disabled={pending}
                onConfirm={() => run(create)}
              >
                Create a new one
              </ConfirmButton>
              <ConfirmButton
                title="Revoke the feed address?"
                message="Calendars subscribed to it stop receiving updates."
                confirmLabel="Revoke"
                confirmVariant="danger"
                disabled={pending}
                onConfirm={() => run(revoke)}
              >
                Revoke
              </ConfirmButton>
            </>
          ) : (
            <Button onClick={() => run(create)} disabled={pending}>
              Create feed address
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
