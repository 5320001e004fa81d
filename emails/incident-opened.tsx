import { Text } from '@react-email/components';
import { ItemEmail, type ItemEmailProps } from './_components/item-email';
import { EmailMarkdown } from './_components/markdown';
import { paragraph, SAMPLE_FOOTER, SAMPLE_ITEM } from './_components/layout';

export type IncidentOpenedProps = ItemEmailProps & {
  actorLabel: string;
  description?: string;
};

export const subject = (p: IncidentOpenedProps) => `[${p.item.reference}] Opened: ${p.item.title}`;

export default function IncidentOpened(props: IncidentOpenedProps) {
  return (
    <ItemEmail props={props} preview={subject(props)} heading="New incident">
      <Text style={paragraph}>Opened by {props.actorLabel}.</Text>
      {props.description && <EmailMarkdown>{props.description}</EmailMarkdown>}
    </ItemEmail>
  );
}

IncidentOpened.PreviewProps = {
  item: { ...SAMPLE_ITEM, state: 'Triage' },
  actorLabel: 'Dana Whitfield',
  description:
    'A teller forwarded an email asking to "verify" the branch wire limits via an outside link.',
  ...SAMPLE_FOOTER,
} satisfies IncidentOpenedProps;
