import { Text } from '@react-email/components';
import { QuotedText } from './_components/item-email';
import { EmailLayout, paragraph, type FooterProps } from './_components/layout';

export const TRIGGER_NOTICE_REASON =
  'You are getting this because you are a Vigil administrator: every active administrator is told when a trigger could not evaluate its query. These alerts cannot be muted.';

/** A trigger's query could not run over a window: nothing was counted, so nothing could alert. */
export type TriggerFailedProps = FooterProps & {
  triggerId: string;
  triggerName: string;
  url: string;
  query: string;
  /** "Dec 1, 2026, 15:05 – 15:10 UTC" in the reader's zone */
  window: string;
  why: string;
};

export const subject = (p: TriggerFailedProps) =>
  `${p.triggerName}: the trigger's query failed and could not alert`;

export default function TriggerFailed(props: TriggerFailedProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="A trigger could not evaluate its query"
      action={{ label: 'Open the trigger', url: props.url }}
      footer={props}
    >
      <Text style={{ ...paragraph, fontWeight: 600 }}>{props.triggerName}</Text>
      <Text style={paragraph}>
        Its query could not run over {props.window}: {props.why}
      </Text>
      <QuotedText whiteSpace="pre-wrap">{props.query}</QuotedText>
      <Text style={paragraph}>
        While it fails, each window is recorded as failed on the trigger’s page and no incident can
        be opened. You are told once, not for every window; you are told again if it fails after
        working.
      </Text>
    </EmailLayout>
  );
}

TriggerFailed.PreviewProps = {
  triggerId: '5c2e7a10-0000-4000-8000-000000000001',
  triggerName: 'Failed logon burst',
  url: 'http://localhost:3000/triggers/5c2e7a10-0000-4000-8000-000000000001',
  query: 'event_id:4625',
  window: 'Dec 1, 2026, 15:05 – 15:10 UTC',
  why: 'canceling statement due to statement timeout',
  reason: TRIGGER_NOTICE_REASON,
} satisfies TriggerFailedProps;
