import { Section, Text } from '@react-email/components';
import {
  EmailLayout,
  ItemFacts,
  paragraph,
  type FooterProps,
  type ItemSummary,
} from './_components/layout';
import { SAMPLE_TASK, SAMPLE_TASK_FOOTER } from './_components/sample-task';
import type { ChangeLine } from './incident-updated';

export type TaskUpdatedProps = FooterProps & {
  item: ItemSummary;
  actorLabel: string;
  changes: ChangeLine[];
  note?: string;
};

export const subject = (p: TaskUpdatedProps) =>
  `[${p.item.reference}] ${p.changes.length ? `${p.changes.map((c) => c.label).join(', ')} changed` : p.note ? 'New note' : 'Updated'}: ${p.item.title}`;

const cell = { color: '#334155', fontSize: 13, margin: '2px 0', whiteSpace: 'pre-wrap' as const };

export default function TaskUpdated(props: TaskUpdatedProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="Task updated"
      action={{ label: `Open ${props.item.reference}`, url: props.item.url }}
      footer={props}
    >
      <ItemFacts item={props.item} />
      {props.changes.length > 0 && (
        <>
          <Text style={paragraph}>{props.actorLabel} changed:</Text>
          <Section>
            {props.changes.map((c) => (
              <Text key={c.label} style={cell}>
                <strong>{c.label}:</strong> {c.old} → {c.new}
              </Text>
            ))}
          </Section>
        </>
      )}
      {props.note && (
        <Text style={{ ...paragraph, whiteSpace: 'pre-wrap' }}>
          {props.changes.length ? 'Note' : `${props.actorLabel} added a note`}: {props.note}
        </Text>
      )}
    </EmailLayout>
  );
}

TaskUpdated.PreviewProps = {
  item: SAMPLE_TASK,
  actorLabel: 'Justin Park',
  changes: [{ label: 'Due', old: 'Apr 17, 2026, 17:00 CDT', new: 'Apr 24, 2026, 17:00 CDT' }],
  note: 'Two managers are out this week; moved the date with the CISO’s agreement.',
  ...SAMPLE_TASK_FOOTER,
  reason: 'You are getting this because you watch TASK-2001 (all notifications).',
} satisfies TaskUpdatedProps;
