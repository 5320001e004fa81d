import { z } from 'zod';
import { severityEnum } from '@/db/schema';
import { WEBHOOK_EVENT_TYPES } from './event-types';
import { WEBHOOK_FORMATS } from './webhook-format';

const checkbox = z
  .union([z.boolean(), z.enum(['on', 'true', 'false', ''])])
  .transform((v) => v === true || v === 'on' || v === 'true');

export const webhookEndpointInput = z.object({
  url: z
    .string()
    .max(2000, 'Use at most 2,000 characters.')
    .trim()
    .min(1, 'Give the URL the messages are POSTed to.')
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
      error: 'Give an http:// or https:// URL.',
    }),
  description: z.string().max(200, 'Use at most 200 characters.').trim().default(''),
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { error: 'Choose events from the list.' }))
    .min(1, 'Choose at least one event.')
    .transform((types) => [...new Set(types)]),
  format: z.enum(WEBHOOK_FORMATS, { error: 'Choose a format from the list.' }).default('standard'),
  minimumSeverity: z
    .union([z.enum(severityEnum.enumValues), z.literal('')])
    .default('')
    .transform((v) => (v === '' ? null : v)),
  allowPrivateAddresses: checkbox.default(false),
});

export type WebhookEndpointInput = z.input<typeof webhookEndpointInput>;

export const webhookEndpointUpdate = webhookEndpointInput.extend({
  version: z.coerce.number({ error: 'Reload the page and try again.' }).int().positive(),
});

export type WebhookEndpointUpdate = z.input<typeof webhookEndpointUpdate>;
