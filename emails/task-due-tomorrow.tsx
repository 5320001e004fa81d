import { Text } from '@react-email/components';
import { EmailLayout, ItemFacts, paragraph, SAMPLE_FOOTER, type FooterProps, type ItemSummary } from './_components/layout';

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
  item: { reference: 'TSK-311', title: 'Quarterly review of privileged access', url: 'http://localhost:3000/tasks/311', state: 'Open', owner: 'Justin Park' },
  due: 'Fri 17 Apr 2026',
  ...SAMPLE_FOOTER,
  reason: 'You are getting this because you own TSK-311.',
} satisfies TaskDueTomorrowProps;
