import { Text } from '@react-email/components';
import {
  EmailLayout,
  ItemFacts,
  paragraph,
  SAMPLE_FOOTER,
  SAMPLE_ITEM,
  type FooterProps,
  type ItemSummary,
} from './_components/layout';

export type IncidentClosedProps = FooterProps & {
  item: ItemSummary;
  actorLabel: string;
  note: string;
};

export const subject = (p: IncidentClosedProps) => `[${p.item.reference}] Closed: ${p.item.title}`;

export default function IncidentClosed(props: IncidentClosedProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="Incident closed"
      action={{ label: `Open ${props.item.reference}`, url: props.item.url }}
      footer={props}
    >
      <ItemFacts item={props.item} />
      <Text style={paragraph}>Closed by {props.actorLabel}. Closing note:</Text>
      <Text
        style={{
          ...paragraph,
          borderLeft: '3px solid #cbd5e1',
          paddingLeft: 12,
          whiteSpace: 'pre-wrap',
        }}
      >
        {props.note}
      </Text>
    </EmailLayout>
  );
}

IncidentClosed.PreviewProps = {
  item: { ...SAMPLE_ITEM, state: 'Closed' },
  actorLabel: 'Justin Park',
  note: 'Domain blocked at the mail gateway; no credentials entered. Teller thanked for reporting.',
  ...SAMPLE_FOOTER,
} satisfies IncidentClosedProps;
