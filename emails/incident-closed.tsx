import { Text } from '@react-email/components';
import { ItemEmail, type ItemEmailProps } from './_components/item-email';
import { paragraph, SAMPLE_FOOTER, SAMPLE_ITEM } from './_components/layout';
import { QuotedMarkdown } from './_components/markdown';

export type IncidentClosedProps = ItemEmailProps & {
  actorLabel: string;
  note: string;
};

export const subject = (p: IncidentClosedProps) => `[${p.item.reference}] Closed: ${p.item.title}`;

export default function IncidentClosed(props: IncidentClosedProps) {
  return (
    <ItemEmail props={props} preview={subject(props)} heading="Incident closed">
      <Text style={paragraph}>Closed by {props.actorLabel}. Closing note:</Text>
      <QuotedMarkdown>{props.note}</QuotedMarkdown>
    </ItemEmail>
  );
}

IncidentClosed.PreviewProps = {
  item: { ...SAMPLE_ITEM, state: 'Closed' },
  actorLabel: 'Justin Park',
  note: 'Domain blocked at the mail gateway; no credentials entered. Teller thanked for reporting.',
  ...SAMPLE_FOOTER,
} satisfies IncidentClosedProps;
