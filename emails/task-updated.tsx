import {
  ChangeList,
  ItemEmail,
  type ChangeLine,
  type ItemEmailProps,
} from './_components/item-email';
import { LabelledMarkdown } from './_components/markdown';
import { SAMPLE_TASK, SAMPLE_TASK_FOOTER } from './_components/sample-task';

export type TaskUpdatedProps = ItemEmailProps & {
  actorLabel: string;
  changes: ChangeLine[];
  note?: string;
};

export const subject = (p: TaskUpdatedProps) =>
  `[${p.item.reference}] ${p.changes.length ? `${p.changes.map((c) => c.label).join(', ')} changed` : p.note ? 'New note' : 'Updated'}: ${p.item.title}`;

export default function TaskUpdated(props: TaskUpdatedProps) {
  return (
    <ItemEmail props={props} preview={subject(props)} heading="Task updated">
      {props.changes.length > 0 && (
        <ChangeList actorLabel={props.actorLabel} changes={props.changes} />
      )}
      {props.note && (
        <LabelledMarkdown
          label={props.changes.length ? 'Note:' : `${props.actorLabel} added a note:`}
        >
          {props.note}
        </LabelledMarkdown>
      )}
    </ItemEmail>
  );
}

TaskUpdated.PreviewProps = {
  item: SAMPLE_TASK,
  actorLabel: 'Justin Park',
  changes: [{ label: 'Due', old: 'Apr 17, 2026, 17:00 CDT', new: 'Apr 24, 2026, 17:00 CDT' }],
  note: 'Two managers are out this week; moved the date with the CISO’s agreement.',
  ...SAMPLE_TASK_FOOTER,
  reason: 'You are getting this because you watch TASK-2001 (all notifications).',
} satisfies TaskUpdatedProps;
