'use client';

import {
  sendTestWebhookAction,
  setWebhookEndpointStateAction,
} from '@/app/(app)/settings/integrations/actions';
import { ActionResultAlert } from '@/components/ui/action-result-alert';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/dialog';
import { useActionRunner } from '@/components/ui/use-action-runner';

/** Send a test event, pause or resume, remove: each from the version on the page. */
export function EndpointControls({
  endpointId,
  active,
  version,
}: {
  endpointId: string;
  active: boolean;
  version: number;
}) {
  const { result, pending, run } = useActionRunner();
  return (
    <div className="space-y-3">
      <ActionResultAlert result={result} />
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => run(() => sendTestWebhookAction(endpointId))}
        >
          Send test event
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            run(() =>
              setWebhookEndpointStateAction(endpointId, active ? 'pause' : 'resume', version),
            )
          }
        >
          {active ? 'Pause' : 'Resume'}
        </Button>
        <ConfirmButton
          title="Remove this endpoint?"
          message="Nothing more is sent to it. Its deliveries are kept, and the activity log says who removed it."
          confirmLabel="Remove"
          confirmVariant="danger"
          disabled={pending}
          onConfirm={() => run(() => setWebhookEndpointStateAction(endpointId, 'remove', version))}
        >
          Remove
        </ConfirmButton>
      </div>
    </div>
  );
}
