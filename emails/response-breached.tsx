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

export type ResponseBreachedProps = FooterProps & { item: ItemSummary; responseDue: string };

export const subject = (p: ResponseBreachedProps) =>
  `[${p.item.reference}] Response target missed: ${p.item.title}`;

export default function ResponseBreached(props: ResponseBreachedProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="Response target missed"
      action={{ label: `Respond to ${props.item.reference}`, url: props.item.url }}
      footer={props}
    >
      <ItemFacts item={props.item} />
      <Text style={paragraph}>
        The response was due {props.responseDue} and nobody has responded. Examiners will see this
        on the incident.
      </Text>
    </EmailLayout>
  );
}

ResponseBreached.PreviewProps = {
  item: { ...SAMPLE_ITEM, state: 'Triage' },
  responseDue: 'Tue 14 Apr 2026, 15:30 (America/Chicago)',
  ...SAMPLE_FOOTER,
} satisfies ResponseBreachedProps;
