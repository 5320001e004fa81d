'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { createWebhookEndpoint } from '@/lib/webhooks/create-webhook-endpoint';
import type { WebhookEndpointInput } from '@/lib/webhooks/endpoint-input';
import { sendTestWebhook } from '@/lib/webhooks/send-test-webhook';
import { setWebhookEndpointState } from '@/lib/webhooks/set-webhook-endpoint-state';
import { updateWebhookEndpoint } from '@/lib/webhooks/update-webhook-endpoint';

const LIST = '/settings/integrations';

/** The endpoint form's fields as the domain takes them; it validates them. */
function endpointFields(form: FormData): WebhookEndpointInput {
  return {
    url: String(form.get('url') ?? ''),
    description: String(form.get('description') ?? ''),
    eventTypes: form.getAll('eventTypes').map(String) as WebhookEndpointInput['eventTypes'],
    format: String(form.get('format') ?? 'standard') as WebhookEndpointInput['format'],
    minimumSeverity: String(
      form.get('minimumSeverity') ?? '',
    ) as WebhookEndpointInput['minimumSeverity'],
    allowPrivateAddresses: form.get('allowPrivateAddresses') === 'on',
  };
}

export async function createWebhookEndpointAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult<{ id: string }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const endpoint = await createWebhookEndpoint(getDb(), actor, endpointFields(form));
    return { id: endpoint.id };
  });
  if (!result.ok) return result;
  revalidatePath(LIST);
  // Its page shows the signing secret the receiver needs.
  redirect(`${LIST}/${result.data.id}`);
}

export async function updateWebhookEndpointAction(
  endpointId: string,
  _previous: unknown,
  form: FormData,
): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await updateWebhookEndpoint(getDb(), actor, endpointId, {
      ...endpointFields(form),
      version: Number(form.get('version')),
    });
    return undefined;
  }, 'Saved.');
  if (result.ok) revalidatePath(LIST, 'layout');
  return result;
}

export async function setWebhookEndpointStateAction(
  endpointId: string,
  change: 'pause' | 'resume' | 'remove',
  version: number,
): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(
    async () => {
      await setWebhookEndpointState(getDb(), actor, endpointId, { change, version });
      return undefined;
    },
    change === 'pause' ? 'Paused: nothing new is sent.' : 'Active again.',
  );
  if (!result.ok) return result;
  revalidatePath(LIST, 'layout');
  if (change === 'remove') redirect(LIST);
  return result;
}

export async function sendTestWebhookAction(endpointId: string): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await sendTestWebhook(getDb(), actor, endpointId);
    return undefined;
  }, 'Test event queued; its delivery appears below within a few seconds.');
  if (result.ok) revalidatePath(`${LIST}/${endpointId}`);
  return result;
}
