import type { WebhookFormat } from './webhook-format';
import type { StoredWebhookEvent } from './webhook-message';

/**
 * The body an endpoint is sent. `standard` is the Standard Webhooks shape ({type, timestamp,
 * data}); `slack` is what a Slack incoming webhook takes (`text` as the notification's
 * fallback, Block Kit for the message); `teams` is an Adaptive Card message as a Microsoft
 * Teams Workflows "when a Teams webhook request is received" flow takes it (the old Office 365
 * connectors and their MessageCard are retired). Teams renders Adaptive Cards up to 1.5 but
 * Workflows posts only up to 1.4 reliably, hence 1.4.
 */
export function formatWebhookBody(
  format: WebhookFormat,
  event: StoredWebhookEvent,
  publicUrl: string,
): Record<string, unknown> {
  const url = `${publicUrl.replace(/\/$/, '')}${event.path}`;
  switch (format) {
    case 'standard':
      return { type: event.type, timestamp: event.timestamp, data: { ...event.data, url } };
    case 'slack':
      return {
        text: `${event.summary} ${url}`,
        blocks: [
          {
            type: 'section',
            text: { type: 'mrkdwn', text: `${slackEscape(event.summary)}\n<${url}|Open in Vigil>` },
          },
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: `Vigil · ${event.type} · ${event.timestamp}` }],
          },
        ],
      };
    case 'teams':
      return {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            contentUrl: null,
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body: [
                { type: 'TextBlock', text: event.summary, wrap: true, weight: 'Bolder' },
                {
                  type: 'TextBlock',
                  text: `${event.type} · ${event.timestamp}`,
                  wrap: true,
                  isSubtle: true,
                  spacing: 'None',
                },
              ],
              actions: [{ type: 'Action.OpenUrl', title: 'Open in Vigil', url }],
            },
          },
        ],
      };
  }
}

/** Slack reads &, < and > as markup in mrkdwn text; a title with them must not become a link. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
