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

export type ResponseAtRiskProps = FooterProps & { item: ItemSummary; responseDue: string };

export const subject = (p: ResponseAtRiskProps) =>
  `[${p.item.reference}] Response target at risk: ${p.item.title}`;

export default function ResponseAtRisk(props: ResponseAtRiskProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="Response target at risk"
      action={{ label: `Respond to ${props.item.reference}`, url: props.item.url }}
      footer={props}
    >
      <ItemFacts item={props.item} />
      <Text style={paragraph}>
        Three quarters of the time to respond has passed and nobody has responded yet. The response
        is due {props.responseDue}.
      </Text>
    </EmailLayout>
  );
}

ResponseAtRisk.PreviewProps = {
  item: { ...SAMPLE_ITEM, state: 'Triage' },
  responseDue: 'Tue 14 Apr 2026, 15:30 (America/Chicago)',
  ...SAMPLE_FOOTER,
} satisfies ResponseAtRiskProps;
