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

export type IncidentOpenedProps = FooterProps & {
  item: ItemSummary;
  actorLabel: string;
  description?: string;
};

export const subject = (p: IncidentOpenedProps) => `[${p.item.reference}] Opened: ${p.item.title}`;

export default function IncidentOpened(props: IncidentOpenedProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="New incident"
      action={{ label: `Open ${props.item.reference}`, url: props.item.url }}
      footer={props}
    >
      <ItemFacts item={props.item} />
      <Text style={paragraph}>Opened by {props.actorLabel}.</Text>
      {props.description && (
        <Text style={{ ...paragraph, whiteSpace: 'pre-wrap' }}>{props.description}</Text>
      )}
    </EmailLayout>
  );
}

IncidentOpened.PreviewProps = {
  item: { ...SAMPLE_ITEM, state: 'Triage' },
  actorLabel: 'Dana Whitfield',
  description:
    'A teller forwarded an email asking to "verify" the branch wire limits via an outside link.',
  ...SAMPLE_FOOTER,
} satisfies IncidentOpenedProps;
