import { Text } from '@react-email/components';
import { QuotedText } from './_components/item-email';
import { EmailLayout, paragraph, type FooterProps } from './_components/layout';
import { ADMINISTRATOR_NOTICE_REASON, SAMPLE_SCHEDULE } from './_components/administrator-notice';

/** Periods a schedule owed were recorded as missed instead of getting a task. */
export type PeriodsMissedProps = FooterProps & {
  scheduleId: string;
  scheduleName: string;
  url: string;
  count: number;
  /** "9 January 2026 – 5 February 2026" */
  range: string;
  /** Why they were missed, as the schedule's record says it. */
  why: string;
  /** The first periods (bounded), each with its occurrence in the reader's zone. */
  periods: { label: string; occurrence: string }[];
  /** How many more are on the schedule's page. */
  more: number;
};

export const subject = (p: PeriodsMissedProps) =>
  `${p.scheduleName}: ${p.count} period${p.count === 1 ? ' was' : 's were'} recorded as missed (${p.range})`;

export default function PeriodsMissed(props: PeriodsMissedProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="Periods recorded as missed"
      action={{ label: 'Open the schedule’s record', url: props.url }}
      footer={props}
    >
      <Text style={paragraph}>
        {subject(props)}: {props.why}
      </Text>
      <Text style={paragraph}>
        No task was created for these; each stays in the schedule’s record as missed, with this
        reason:
      </Text>
      <QuotedText whiteSpace="pre-line">
        {props.periods.map((p) => `${p.label} (${p.occurrence})`).join('\n')}
        {props.more > 0 ? `\n… and ${props.more} more on the schedule’s page.` : ''}
      </QuotedText>
    </EmailLayout>
  );
}

PeriodsMissed.PreviewProps = {
  ...SAMPLE_SCHEDULE,
  count: 3,
  range: 'week of 5 January 2026 – week of 19 January 2026',
  why: 'no worker was running from Jan 5, 2026, 07:58 CST until Feb 5, 2026, 09:12 CST; only the latest 12 periods became late tasks.',
  periods: [
    { label: 'week of 5 January 2026', occurrence: 'Jan 5, 2026, 08:00 CST' },
    { label: 'week of 12 January 2026', occurrence: 'Jan 12, 2026, 08:00 CST' },
    { label: 'week of 19 January 2026', occurrence: 'Jan 19, 2026, 08:00 CST' },
  ],
  more: 0,
  reason: ADMINISTRATOR_NOTICE_REASON,
} satisfies PeriodsMissedProps;
