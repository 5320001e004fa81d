import { Text } from '@react-email/components';
import { EmailLayout, paragraph } from './_components/layout';
import {
  NoticeRuleFacts,
  SAMPLE_NOTICE_CLOCK,
  type NoticeClockEmailProps,
} from './_components/notice-clock';

/** A regulator notification clock ran out with no notification recorded. */
export type NoticeDeadlineMissedProps = NoticeClockEmailProps;

export const subject = (p: NoticeDeadlineMissedProps) =>
  `[${p.reference}] Notification deadline missed: ${p.ruleName}`;

export default function NoticeDeadlineMissed(props: NoticeDeadlineMissedProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="Notification deadline missed"
      action={{ label: `Open ${props.reference}`, url: props.url }}
      footer={props}
    >
      <Text style={paragraph}>
        The deadline to notify has passed and no notification is recorded. If it was made, record it
        now; if not, make it as soon as possible: the rule still applies.
      </Text>
      <NoticeRuleFacts {...props} />
    </EmailLayout>
  );
}

NoticeDeadlineMissed.PreviewProps = SAMPLE_NOTICE_CLOCK satisfies NoticeDeadlineMissedProps;
