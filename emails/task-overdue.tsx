import { Text } from '@react-email/components';
import { ItemEmail, type ItemEmailProps } from './_components/item-email';
import { paragraph } from './_components/layout';
import { SAMPLE_TASK, SAMPLE_TASK_FOOTER } from './_components/sample-task';

export type TaskOverdueProps = ItemEmailProps & {
  due: string;
  daysOverdue: number;
};

export const subject = (p: TaskOverdueProps) =>
  `[${p.item.reference}] Overdue ${p.daysOverdue} day${p.daysOverdue === 1 ? '' : 's'}: ${p.item.title}`;

export default function TaskOverdue(props: TaskOverdueProps) {
  return (
    <ItemEmail props={props} preview={subject(props)} heading="Task overdue">
      <Text style={paragraph}>
        This task was due {props.due}. You will get this reminder once a day until it is closed.
      </Text>
    </ItemEmail>
  );
}

TaskOverdue.PreviewProps = {
  item: SAMPLE_TASK,
  due: 'Apr 17, 2026, 17:00 CDT',
  daysOverdue: 3,
  ...SAMPLE_TASK_FOOTER,
} satisfies TaskOverdueProps;
