import { Text } from '@react-email/components';
import { ItemEmail, type ItemEmailProps } from './_components/item-email';
import { paragraph } from './_components/layout';
import { SAMPLE_TASK, SAMPLE_TASK_FOOTER } from './_components/sample-task';

// `when` is "today" for the reminder owed the day before and sent on the due day (the
// worker was down); absent in rows queued before it existed.
export type TaskDueTomorrowProps = ItemEmailProps & {
  due: string;
  when?: 'today' | 'tomorrow';
};

export const subject = (p: TaskDueTomorrowProps) =>
  `[${p.item.reference}] Due ${p.when ?? 'tomorrow'}: ${p.item.title}`;

export default function TaskDueTomorrow(props: TaskDueTomorrowProps) {
  return (
    <ItemEmail
      props={props}
      preview={subject(props)}
      heading={`Task due ${props.when ?? 'tomorrow'}`}
    >
      <Text style={paragraph}>This task is due {props.due}.</Text>
    </ItemEmail>
  );
}

TaskDueTomorrow.PreviewProps = {
  item: SAMPLE_TASK,
  due: 'Apr 17, 2026, 17:00 CDT',
  when: 'tomorrow',
  ...SAMPLE_TASK_FOOTER,
} satisfies TaskDueTomorrowProps;
