import { Text } from '@react-email/components';
import { ItemEmail, type ItemEmailProps } from './_components/item-email';
import { paragraph } from './_components/layout';
import { QuotedMarkdown } from './_components/markdown';
import { SAMPLE_TASK, SAMPLE_TASK_FOOTER } from './_components/sample-task';

/** Closed with findings, or marked invalid with a reason: both end the task. */
export type TaskClosedProps = ItemEmailProps & {
  actorLabel: string;
  outcome: 'closed' | 'invalid';
  note: string;
};

export const subject = (p: TaskClosedProps) =>
  `[${p.item.reference}] ${p.outcome === 'invalid' ? 'Marked invalid' : 'Closed'}: ${p.item.title}`;

export default function TaskClosed(props: TaskClosedProps) {
  const invalid = props.outcome === 'invalid';
  return (
    <ItemEmail
      props={props}
      preview={subject(props)}
      heading={invalid ? 'Task marked invalid' : 'Task closed'}
    >
      <Text style={paragraph}>
        {invalid ? 'Marked invalid' : 'Closed'} by {props.actorLabel}.{' '}
        {invalid ? 'Reason:' : 'Findings:'}
      </Text>
      <QuotedMarkdown>{props.note}</QuotedMarkdown>
    </ItemEmail>
  );
}

TaskClosed.PreviewProps = {
  item: { ...SAMPLE_TASK, state: 'Closed' },
  actorLabel: 'Justin Park',
  outcome: 'closed',
  note: 'Reviewed 41 administrative accounts; 3 removed (leavers), 2 reduced to read-only. Evidence attached.',
  ...SAMPLE_TASK_FOOTER,
} satisfies TaskClosedProps;
