import { Text } from '@react-email/components';
import { EmailLayout, paragraph, type FooterProps } from './_components/layout';
import { ADMINISTRATOR_NOTICE_REASON, SAMPLE_SCHEDULE } from './_components/administrator-notice';

/** A schedule's owner cannot take its tasks any more: they go to the fallback owner until someone fixes the schedule. */
export type OwnerFallbackProps = FooterProps & {
  scheduleId: string;
  scheduleName: string;
  url: string;
  /** "Dana Reyes is deactivated" */
  missingOwner: string;
  /** "TRAC (team), the organization's fallback owner" */
  tasksGoTo: string;
};

export const subject = (p: OwnerFallbackProps) =>
  `${p.scheduleName}: ${p.missingOwner}, tasks go to ${p.tasksGoTo}`;

export default function OwnerFallback(props: OwnerFallbackProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="A schedule has no active owner"
      action={{ label: 'Open the schedule', url: props.url }}
      footer={props}
    >
      <Text style={{ ...paragraph, fontWeight: 600 }}>{props.scheduleName}</Text>
      <Text style={paragraph}>
        {props.missingOwner}. Until the schedule gets a new owner, the tasks it generates go to{' '}
        {props.tasksGoTo}.
      </Text>
      <Text style={paragraph}>
        Choose a new owner on the schedule’s page (Edit). You are told once for this owner, not for
        every task.
      </Text>
    </EmailLayout>
  );
}

OwnerFallback.PreviewProps = {
  ...SAMPLE_SCHEDULE,
  missingOwner: 'Dana Reyes is deactivated',
  tasksGoTo: "TRAC (team), the organization's fallback owner",
  reason: ADMINISTRATOR_NOTICE_REASON,
} satisfies OwnerFallbackProps;
