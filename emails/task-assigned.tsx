import { Text } from '@react-email/components';
import {
  EmailLayout,
  ItemFacts,
  paragraph,
  type FooterProps,
  type ItemSummary,
} from './_components/layout';
import { SAMPLE_TASK, SAMPLE_TASK_FOOTER } from './_components/sample-task';

export type TaskAssignedProps = FooterProps & {
  item: ItemSummary;
  actorLabel: string;
  due?: string;
};

export const subject = (p: TaskAssignedProps) =>
  `[${p.item.reference}] Assigned to you: ${p.item.title}`;

export default function TaskAssigned(props: TaskAssignedProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="Task assigned"
      action={{ label: `Open ${props.item.reference}`, url: props.item.url }}
      footer={props}
    >
      <ItemFacts item={props.item} />
      <Text style={paragraph}>
        {props.actorLabel} assigned this task{props.due ? `; it is due ${props.due}` : ''}.
      </Text>
    </EmailLayout>
  );
}

TaskAssigned.PreviewProps = {
  item: SAMPLE_TASK,
  actorLabel: 'Dana Whitfield',
  due: 'Apr 17, 2026, 17:00 CDT',
  ...SAMPLE_TASK_FOOTER,
} satisfies TaskAssignedProps;
