import { Text } from '@react-email/components';
import { ItemEmail, type ItemEmailProps } from './_components/item-email';
import { paragraph, SAMPLE_FOOTER, SAMPLE_ITEM } from './_components/layout';

export type ResponseAtRiskProps = ItemEmailProps & { responseDue: string };

export const subject = (p: ResponseAtRiskProps) =>
  `[${p.item.reference}] Response target at risk: ${p.item.title}`;

export default function ResponseAtRisk(props: ResponseAtRiskProps) {
  return (
    <ItemEmail
      props={props}
      preview={subject(props)}
      heading="Response target at risk"
      actionLabel={`Respond to ${props.item.reference}`}
    >
      <Text style={paragraph}>
        Three quarters of the time to respond has passed and nobody has responded yet. The response
        is due {props.responseDue}.
      </Text>
    </ItemEmail>
  );
}

ResponseAtRisk.PreviewProps = {
  item: { ...SAMPLE_ITEM, state: 'Triage' },
  responseDue: 'Tue 14 Apr 2026, 15:30 (America/Chicago)',
  ...SAMPLE_FOOTER,
} satisfies ResponseAtRiskProps;
