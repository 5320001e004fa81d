import { Section, Text } from '@react-email/components';
import {
  EmailLayout,
  ItemFacts,
  paragraph,
  SAMPLE_FOOTER,
  SAMPLE_ITEM,
  type FooterProps,
  type ItemSummary,
} from './_components/layout';

export type ChangeLine = { label: string; old: string; new: string };
export type IncidentUpdatedProps = FooterProps & {
  item: ItemSummary;
  actorLabel: string;
  changes: ChangeLine[];
  note?: string;
};

export const subject = (p: IncidentUpdatedProps) =>
  `[${p.item.reference}] ${p.changes.length ? `${p.changes.map((c) => c.label).join(', ')} changed` : 'Updated'}: ${p.item.title}`;

const cell = { color: '#334155', fontSize: 13, margin: '2px 0', whiteSpace: 'pre-wrap' as const };

export default function IncidentUpdated(props: IncidentUpdatedProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="Incident updated"
      action={{ label: `Open ${props.item.reference}`, url: props.item.url }}
      footer={props}
    >
      <ItemFacts item={props.item} />
      <Text style={paragraph}>{props.actorLabel} changed:</Text>
      <Section>
        {props.changes.map((c) => (
          <Text key={c.label} style={cell}>
            <strong>{c.label}:</strong> {c.old} → {c.new}
          </Text>
        ))}
      </Section>
      {props.note && (
        <Text style={{ ...paragraph, whiteSpace: 'pre-wrap' }}>Note: {props.note}</Text>
      )}
    </EmailLayout>
  );
}

IncidentUpdated.PreviewProps = {
  item: SAMPLE_ITEM,
  actorLabel: 'Justin Park',
  changes: [
    { label: 'State', old: 'Triage', new: 'Analysis' },
    { label: 'Severity', old: 'Low', new: 'Medium' },
  ],
  note: 'Link leads to a credential-harvesting page; blocking the domain.',
  ...SAMPLE_FOOTER,
} satisfies IncidentUpdatedProps;
