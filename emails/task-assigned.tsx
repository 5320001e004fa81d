import { Text } from '@react-email/components';
import { ItemEmail, type ItemEmailProps } from './_components/item-email';
import { paragraph } from './_components/layout';
import { SAMPLE_TASK, SAMPLE_TASK_FOOTER } from './_components/sample-task';

export type TaskAssignedProps = ItemEmailProps & {
  actorLabel: string;
  due?: string;
};

export const subject = (p: TaskAssignedProps) =>
  `[${p.item.reference}] Assigned to you: ${p.item.title}`;

export default function TaskAssigned(props: TaskAssignedProps) {
  return (
    <ItemEmail props={props} preview={subject(props)} heading="Task assigned">
      <Text style={paragraph}>
        {props.actorLabel} assigned this task{props.due ? `; it is due ${props.due}` : ''}.
      </Text>
    </ItemEmail>
  );
}

TaskAssigned.PreviewProps = {
  item: SAMPLE_TASK,
  actorLabel: 'Dana Whitfield',
  due: 'Apr 17, 2026, 17:00 CDT',
  ...SAMPLE_TASK_FOOTER,
} satisfies TaskAssignedProps;
