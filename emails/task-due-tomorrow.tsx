import { Text } from '@react-email/components';
import {
  EmailLayout,
  ItemFacts,
  paragraph,
  type FooterProps,
  type ItemSummary,
} from './_components/layout';
import { SAMPLE_TASK, SAMPLE_TASK_FOOTER } from './_components/sample-task';

// `when` is "today" for the reminder owed the day before and sent on the due day (the
// worker was down); absent in rows queued before it existed.
export type TaskDueTomorrowProps = FooterProps & {
  item: ItemSummary;
  due: string;
  when?: 'today' | 'tomorrow';
};

export const subject = (p: TaskDueTomorrowProps) =>
  `[${p.item.reference}] Due ${p.when ?? 'tomorrow'}: ${p.item.title}`;

export default function TaskDueTomorrow(props: TaskDueTomorrowProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading={`Task due ${props.when ?? 'tomorrow'}`}
      action={{ label: `Open ${props.item.reference}`, url: props.item.url }}
      footer={props}
    >
      <ItemFacts item={props.item} />
      <Text style={paragraph}>This task is due {props.due}.</Text>
    </EmailLayout>
  );
}

TaskDueTomorrow.PreviewProps = {
  item: SAMPLE_TASK,
  due: 'Apr 17, 2026, 17:00 CDT',
  when: 'tomorrow',
  ...SAMPLE_TASK_FOOTER,
} satisfies TaskDueTomorrowProps;
