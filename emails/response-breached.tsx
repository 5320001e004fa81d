import { Text } from '@react-email/components';
import { ItemEmail, type ItemEmailProps } from './_components/item-email';
import { paragraph, SAMPLE_FOOTER, SAMPLE_ITEM } from './_components/layout';

export type ResponseBreachedProps = ItemEmailProps & { responseDue: string };

export const subject = (p: ResponseBreachedProps) =>
  `[${p.item.reference}] Response target missed: ${p.item.title}`;

export default function ResponseBreached(props: ResponseBreachedProps) {
  return (
    <ItemEmail
      props={props}
      preview={subject(props)}
      heading="Response target missed"
      actionLabel={`Respond to ${props.item.reference}`}
    >
      <Text style={paragraph}>
        The response was due {props.responseDue} and nobody has responded. Examiners will see this
        on the incident.
      </Text>
    </ItemEmail>
  );
}

ResponseBreached.PreviewProps = {
  item: { ...SAMPLE_ITEM, state: 'Triage' },
  responseDue: 'Tue 14 Apr 2026, 15:30 (America/Chicago)',
  ...SAMPLE_FOOTER,
} satisfies ResponseBreachedProps;
