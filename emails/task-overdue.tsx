import { Text } from '@react-email/components';
import { EmailLayout, ItemFacts, paragraph, SAMPLE_FOOTER, type FooterProps, type ItemSummary } from './_components/layout';

export type TaskOverdueProps = FooterProps & { item: ItemSummary; due: string; daysOverdue: number };

export const subject = (p: TaskOverdueProps) => `[${p.item.reference}] Overdue ${p.daysOverdue} day${p.daysOverdue === 1 ? '' : 's'}: ${p.item.title}`;

export default function TaskOverdue(props: TaskOverdueProps) {
  return (
    <EmailLayout preview={subject(props)} heading="Task overdue" action={{ label: `Open ${props.item.reference}`, url: props.item.url }} footer={props}>
      <ItemFacts item={props.item} />
      <Text style={paragraph}>
        This task was due {props.due}. You will get this reminder once a day until it is closed.
      </Text>
    </EmailLayout>
  );
}

TaskOverdue.PreviewProps = {
  item: { reference: 'TSK-311', title: 'Quarterly review of privileged access', url: 'http://localhost:3000/tasks/311', state: 'Open', owner: 'Justin Park' },
  due: 'Fri 17 Apr 2026',
  daysOverdue: 3,
  ...SAMPLE_FOOTER,
  reason: 'You are getting this because you own TSK-311.',
} satisfies TaskOverdueProps;
