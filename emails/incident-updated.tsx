import {
  ChangeList,
  ItemEmail,
  type ChangeLine,
  type ItemEmailProps,
} from './_components/item-email';
import { SAMPLE_FOOTER, SAMPLE_ITEM } from './_components/layout';
import { LabelledMarkdown } from './_components/markdown';

export type { ChangeLine };
export type IncidentUpdatedProps = ItemEmailProps & {
  actorLabel: string;
  changes: ChangeLine[];
  note?: string;
};

export const subject = (p: IncidentUpdatedProps) =>
  `[${p.item.reference}] ${p.changes.length ? `${p.changes.map((c) => c.label).join(', ')} changed` : 'Updated'}: ${p.item.title}`;

export default function IncidentUpdated(props: IncidentUpdatedProps) {
  return (
    <ItemEmail props={props} preview={subject(props)} heading="Incident updated">
      <ChangeList actorLabel={props.actorLabel} changes={props.changes} />
      {props.note && <LabelledMarkdown label="Note:">{props.note}</LabelledMarkdown>}
    </ItemEmail>
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
