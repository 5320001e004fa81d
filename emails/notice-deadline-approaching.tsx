import { Text } from '@react-email/components';
import { EmailLayout, paragraph } from './_components/layout';
import {
  NoticeRuleFacts,
  SAMPLE_NOTICE_CLOCK,
  type NoticeClockEmailProps,
} from './_components/notice-clock';

/** Half or three quarters of a regulator notification clock's time has passed. */
export type NoticeDeadlineApproachingProps = NoticeClockEmailProps & {
  stage: 'half' | 'three-quarters';
  /** "18 h" */
  remaining: string;
};

const STAGE_WORDS = { half: 'Half', 'three-quarters': 'Three quarters' } as const;

export const subject = (p: NoticeDeadlineApproachingProps) =>
  `[${p.reference}] ${p.remaining} left to notify under ${p.ruleName}`;

export default function NoticeDeadlineApproaching(props: NoticeDeadlineApproachingProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="Notification deadline approaching"
      action={{ label: `Open ${props.reference}`, url: props.url }}
      footer={props}
    >
      <Text style={paragraph}>
        {STAGE_WORDS[props.stage] ?? 'Part'} of the time to notify has passed and no notification is
        recorded yet: {props.remaining} left.
      </Text>
      <NoticeRuleFacts {...props} />
    </EmailLayout>
  );
}

NoticeDeadlineApproaching.PreviewProps = {
  ...SAMPLE_NOTICE_CLOCK,
  stage: 'three-quarters',
  remaining: '18 h',
} satisfies NoticeDeadlineApproachingProps;
