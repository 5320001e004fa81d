import { Text } from '@react-email/components';
import { ItemEmail, type ItemEmailProps } from './_components/item-email';
import { paragraph } from './_components/layout';
import { EmailMarkdown, LabelledMarkdown } from './_components/markdown';
import { SAMPLE_TASK, SAMPLE_TASK_FOOTER } from './_components/sample-task';

export type TaskOpenedProps = ItemEmailProps & {
  actorLabel: string;
  /** Reopened after being closed or marked invalid, rather than created. */
  reopened?: boolean;
  due?: string;
  description?: string;
  /** Why it was reopened. */
  note?: string;
};

export const subject = (p: TaskOpenedProps) =>
  `[${p.item.reference}] ${p.reopened ? 'Reopened' : 'Opened'}: ${p.item.title}`;

export default function TaskOpened(props: TaskOpenedProps) {
  return (
    <ItemEmail
      props={props}
      preview={subject(props)}
      heading={props.reopened ? 'Task reopened' : 'New task'}
    >
      <Text style={paragraph}>
        {props.reopened ? 'Reopened' : 'Opened'} by {props.actorLabel}
        {props.due ? `; due ${props.due}` : ''}.
      </Text>
      {props.description && <EmailMarkdown>{props.description}</EmailMarkdown>}
      {props.note && <LabelledMarkdown label="Note:">{props.note}</LabelledMarkdown>}
    </ItemEmail>
  );
}

TaskOpened.PreviewProps = {
  item: SAMPLE_TASK,
  actorLabel: 'Dana Whitfield',
  due: 'Apr 17, 2026, 17:00 CDT',
  description:
    'List every account with administrative access, confirm each with its manager, and remove what is no longer needed.',
  ...SAMPLE_TASK_FOOTER,
} satisfies TaskOpenedProps;
