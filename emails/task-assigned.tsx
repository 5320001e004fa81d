import { Text } from '@react-email/components';
import { EmailLayout, ItemFacts, paragraph, SAMPLE_FOOTER, type FooterProps, type ItemSummary } from './_components/layout';

export type TaskAssignedProps = FooterProps & { item: ItemSummary; actorLabel: string; due?: string };

export const subject = (p: TaskAssignedProps) => `[${p.item.reference}] Assigned to you: ${p.item.title}`;

export default function TaskAssigned(props: TaskAssignedProps) {
  return (
    <EmailLayout preview={subject(props)} heading="Task assigned" action={{ label: `Open ${props.item.reference}`, url: props.item.url }} footer={props}>
      <ItemFacts item={props.item} />
      <Text style={paragraph}>
        {props.actorLabel} assigned this task{props.due ? `; it is due ${props.due}` : ''}.
      </Text>
    </EmailLayout>
  );
}

const SAMPLE_TASK: ItemSummary = {
  reference: 'TSK-311',
  title: 'Quarterly review of privileged access to the core banking system',
  url: 'http://localhost:3000/tasks/311',
  state: 'Open',
  owner: 'Justin Park',
};

TaskAssigned.PreviewProps = {
  item: SAMPLE_TASK,
  actorLabel: 'Dana Whitfield',
  due: 'Fri 17 Apr 2026',
  ...SAMPLE_FOOTER,
  reason: 'You are getting this because you own TSK-311.',
} satisfies TaskAssignedProps;
