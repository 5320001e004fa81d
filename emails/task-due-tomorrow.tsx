import { Text } from '@react-email/components';
import { EmailLayout, ItemFacts, paragraph, type FooterProps, type ItemSummary } from './_components/layout';
import { SAMPLE_TASK, SAMPLE_TASK_FOOTER } from './_components/sample-task';

export type TaskDueTomorrowProps = FooterProps & { item: ItemSummary; due: string };

export const subject = (p: TaskDueTomorrowProps) => `[${p.item.reference}] Due tomorrow: ${p.item.title}`;

export default function TaskDueTomorrow(props: TaskDueTomorrowProps) {
  return (
    <EmailLayout preview={subject(props)} heading="Task due tomorrow" action={{ label: `Open ${props.item.reference}`, url: props.item.url }} footer={props}>
      <ItemFacts item={props.item} />
      <Text style={paragraph}>This task is due {props.due}.</Text>
    </EmailLayout>
  );
}

TaskDueTomorrow.PreviewProps = {
  item: SAMPLE_TASK,
  due: 'Apr 17, 2026, 17:00 CDT',
  ...SAMPLE_TASK_FOOTER,
} satisfies TaskDueTomorrowProps;
