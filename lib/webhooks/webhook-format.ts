import { webhookFormatEnum } from '@/db/schema';

export const WEBHOOK_FORMATS = webhookFormatEnum.enumValues;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const WEBHOOK_FORMAT_LABELS: Record<WebhookFormat, string> = {
  standard: 'Standard Webhooks JSON (signed)',
  slack: 'Slack incoming webhook',
  teams: 'Microsoft Teams (Workflows webhook, Adaptive Card)',
};
